## Partner Dashboard — Português (Brasil)

product-name = Partner Dashboard
meta-description = Partner Dashboard: as reservas do Azure dos seus clientes, a utilização, o acesso, os reembolsos e as trocas, em um só lugar.
skip-to-content = Pular para o conteúdo
yes = Sim
no = Não
copy = Copiar
copied = Copiado para a área de transferência

## Navegação
nav-label = Menu principal
nav-customers = Clientes
nav-lookup = Consultar
breadcrumbs-label = Trilha de navegação
sign-out = Sair

## Funções
role-admin = Agente administrador
role-sales = Agente de vendas
role-helpdesk = Agente de helpdesk
role-support = Agente de suporte
role-customer = Usuário do cliente

## Entrada
sign-in-title = Entrar
sign-in-intro = Entre com sua conta de parceiro para gerenciar as reservas do Azure dos seus clientes.
sign-in-button = Entrar
field-email = E-mail
field-password = Senha
sign-in-failed = O e-mail ou a senha não estão corretos.
sign-in-missing = Informe seu e-mail e sua senha.
sign-in-expired = O formulário de entrada expirou. Entre novamente.

## Consulta
lookup-title = Consultar uma reserva
lookup-label = ID da reserva, ID do pedido ou caminho do recurso
lookup-placeholder = ID da reserva ou ID do pedido
lookup-button = Consultar
lookup-intro = Cole o ID da reserva ou o ID do pedido de reserva que o cliente informou, com ou sem chaves, ou o caminho completo do recurso.
lookup-examples = Exemplos: 6f1c2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4b · {"{"}6F1C2A9E-3B4D-4E5F-8A7B-9C0D1E2F3A4B{"}"} · /providers/Microsoft.Capacity/reservationOrders/…/reservations/…
lookup-empty = Informe um ID de reserva ou um ID de pedido de reserva.
lookup-malformed = Isto não é um ID de reserva, um ID de pedido nem um caminho de recurso de reserva. Verifique se faltam ou sobram caracteres.
lookup-not-found = Nenhuma reserva ou pedido de reserva tem este ID.
lookup-order-mismatch = Esta reserva não pertence a esse pedido de reserva. Verifique os dois IDs.

## Listas
search-button = Pesquisar
filter-button = Aplicar
filter-status = Status
pager-label = Páginas
pager-showing = Exibindo
pager-of = de
pager-previous = Anterior
pager-next = Próxima
pager-page = Página { $page }
notice-bad-page = Esse número de página não é válido; exibindo a primeira página.
notice-bad-sort = Essa ordenação não é conhecida; exibindo a ordem padrão.
notice-bad-status = Esse status não é conhecido; exibindo todos os status.
notice-search-cut = O texto da pesquisa era longo demais e foi reduzido a 200 caracteres.

## Clientes
customers-title = Clientes
customers-search-label = Pesquisar clientes
customers-search-placeholder = Empresa, domínio ou ID do locatário
customers-empty-title = Nenhum cliente encontrado
customers-empty-none = Ainda não há clientes. Eles aparecem aqui quando são adicionados ou importados.
customers-empty-search = Nenhum cliente corresponde a “{ $search }”. Verifique a grafia ou pesquise pelo domínio ou ID do locatário.
col-company = Empresa
col-domain = Domínio
col-tenant-id = ID do locatário
col-country = País
col-active-reservations = Reservas ativas
col-expiring-30 = Vencem em 30 dias
customer-tabs-label = Seções do cliente
tab-overview = Visão geral
tab-reservations = Reservas do Azure
customer-details = Detalhes
field-company = Empresa
field-domain = Domínio
field-tenant-id = ID do locatário
field-country = País
field-customer-since = Cliente desde
customer-see-reservations = Ver reservas do Azure
customer-subscriptions = Assinaturas
customer-no-subscriptions = Este cliente não tem assinaturas.
customer-management-groups = Grupos de gerenciamento
customer-no-management-groups = Este cliente não tem grupos de gerenciamento.
col-subscription = Assinatura
col-subscription-id = ID da assinatura
col-resource-groups = Grupos de recursos

## Lista de reservas
reservations-empty-title = Nenhuma reserva encontrada
reservations-empty-none = Este cliente ainda não tem reservas do Azure.
reservations-empty-filter = Nenhuma reserva tem este status. Escolha outro status ou todos.
col-name = Nome
col-type-sku = Tipo e SKU
col-region = Região
col-quantity = Quantidade
col-scope = Escopo
col-term = Prazo
col-billing-plan = Plano de cobrança
col-expiry = Vencimento
col-utilization-30 = Utilização em 30 dias
col-status = Status
col-actions = Ações
action-manage = Gerenciar
status-all = Todos os status
status-active = Ativa
status-expiring = Vencendo
status-expired = Vencida
status-cancelled = Cancelada
status-exchanged = Trocada
status-pending = Pendente
term-p1y = 1 ano
term-p3y = 3 anos
term-p5y = 5 anos
plan-upfront = Antecipado
plan-monthly = Mensal
scope-shared = Compartilhado
scope-shared-target = todas as assinaturas de { $company }
scope-single = Assinatura única
scope-resource-group = Grupo de recursos único
scope-management-group = Grupo de gerenciamento

## Registro da reserva
reservation-kind = Reserva
order-kind = Pedido de reserva
order-holds = { $count ->
    [one] Este pedido contém uma reserva.
   *[other] Este pedido contém { $count } reservas.
}
blades-label = Seções da reserva
blade-overview = Visão geral
blade-properties = Propriedades
overview-essentials = Informações essenciais
overview-utilization = Utilização
field-status = Status
field-expiry = Data de vencimento
field-scope = Escopo
field-term = Prazo
field-billing-plan = Plano de cobrança
field-quantity = Quantidade
field-resource-type = Tipo de recurso reservado
field-sku = SKU
field-region = Região
field-effective = Data de início
field-flexibility = Flexibilidade de tamanho de instância
field-renew = Renovação automática
flexibility-on = Ativada
flexibility-off = Desativada
flexibility-not-applicable = Não se aplica a este tipo
days-left = { $days ->
    [one] falta 1 dia
   *[other] faltam { $days } dias
}
utilization-1 = Utilização em 1 dia
utilization-7 = Utilização em 7 dias
utilization-30 = Utilização em 30 dias
utilization-trend = Tendência
utilization-no-data = Nenhuma utilização foi informada nos últimos 30 dias.
trend-up = Em alta
trend-down = Em queda
trend-same = Estável
chart-title = Utilização diária, últimos 30 dias
chart-description = As barras mostram a parte da capacidade reservada usada em cada dia.
chart-table-toggle = Mostrar os números diários em uma tabela
col-day = Dia
col-utilization = Utilização
properties-identifiers = Identificadores
properties-identifiers-hint = O suporte pede o ID da reserva e o ID do pedido de reserva: copie-os daqui.
properties-details = Detalhes
field-reservation-id = ID da reserva
field-order-id = ID do pedido de reserva
field-resource-id = ID do recurso
field-name = Nome
field-order-name = Nome do pedido de reserva
field-order-resource-id = ID do recurso do pedido
field-purchase-date = Data da compra
field-billing-subscription = Assinatura de cobrança
field-next-payment = Próximo pagamento
field-purchase-price = Preço de compra
field-scope-type = Tipo de escopo aplicado
field-provisioning-state = Estado de provisionamento
field-last-updated = Última atualização

## Erros
error-title-not-found = Página não encontrada
error-title-forbidden = Não permitido
error-title-bad-request = Solicitação não compreendida
error-title-internal = Algo deu errado
error-not-found = A página ou o item pedido não existe, ou você não pode vê-lo.
error-forbidden = Sua função não permite isto. Peça a um agente administrador se precisar.
error-bad-csrf = Este formulário expirou ou veio de outro lugar. Recarregue a página e tente novamente.
error-bad-request = A solicitação não pôde ser compreendida. Volte e confira o que foi informado.
error-method = Este endereço não aceita esse tipo de solicitação.
error-too-large = O que foi enviado é grande demais.
error-internal = Algo deu errado do nosso lado. O erro foi registrado; tente novamente em instantes.
error-sign-in-required = Entre, por favor.
error-back-home = Voltar à página inicial

## Datas
month-short-1 = jan.
month-short-2 = fev.
month-short-3 = mar.
month-short-4 = abr.
month-short-5 = mai.
month-short-6 = jun.
month-short-7 = jul.
month-short-8 = ago.
month-short-9 = set.
month-short-10 = out.
month-short-11 = nov.
month-short-12 = dez.

## Limite de tentativas de entrada
sign-in-throttled = { $seconds ->
    [one] Tentativas de entrada demais. Tente novamente em 1 segundo.
   *[other] Tentativas de entrada demais. Tente novamente em { $seconds } segundos.
}

## Administração
nav-admin = Administração
nav-agents = Agentes
nav-audit = Registro de auditoria
agents-list = Quem pode entrar
col-agent = Agente
col-role = Função
agent-you = você
agent-role-of = Função de { $email }
agent-change-role = Alterar função
agent-disable = Desativar
agent-enable = Ativar
agent-reset-password = Redefinir senha
agent-enabled-status = Ativo
agent-disabled-status = Desativado
agent-new = Adicionar um agente
agent-new-hint = O novo agente recebe uma senha gerada, exibida uma única vez, para trocar depois de entrar.
agent-create = Adicionar agente
agent-choose-role = Escolha uma função
agent-created = O agente foi adicionado.
agent-created-with-password = { $email } já pode entrar.
agent-role-changed = A função foi alterada.
agent-disabled = O agente foi desativado e desconectado de todas as sessões.
agent-enabled = O agente foi ativado.
agent-password-reset = { $email } tem uma nova senha e foi desconectado de todas as sessões.
agent-password-once-title = Senha exibida uma única vez
agent-password-once = Entregue esta senha a { $email } agora: ela não será exibida de novo e não é guardada de forma legível.
agent-last-admin = { $email } é o último agente administrador ativo: torne outro agente administrador antes.
role-unknown = Escolha uma das funções da lista.
email-empty = Informe um endereço de e-mail.
email-too-long = Um endereço de e-mail tem no máximo 254 caracteres.
email-malformed = Isto não é um endereço de e-mail (nome@empresa.com).
email-taken = Já existe um agente com este e-mail.
name-empty = Informe um nome.
name-too-long = Um nome tem no máximo 100 caracteres.
name-malformed = Um nome não pode conter caracteres de controle.
audit-intro = Cada entrada e cada alteração, da mais recente para a mais antiga. Os registros não podem ser alterados nem removidos.
audit-action = Ação
audit-all-actions = Todas as ações
audit-empty = Nada foi registrado ainda.
audit-when = Quando
audit-who = Quem
audit-object = Objeto
audit-change = Antes → depois
audit-address = Endereço
audit-action-sign-in = Entrou
audit-action-sign-in-failed = Falha ao entrar
audit-action-sign-out = Saiu
audit-action-password-changed = Senha alterada
audit-action-password-reset = Senha redefinida por um administrador
audit-action-agent-created = Agente adicionado
audit-action-role-changed = Função do agente alterada
audit-action-agent-disabled = Agente desativado
audit-action-agent-enabled = Agente ativado
audit-action-setting-changed = Configuração alterada
audit-action-role-assigned = Função atribuída em uma reserva
audit-action-role-removed = Função removida de uma reserva
audit-action-reservation-renamed = Reserva renomeada
audit-action-scope-changed = Escopo alterado
audit-action-flexibility-changed = Flexibilidade de tamanho de instância alterada
audit-action-renew-changed = Renovação automática alterada
audit-action-request-created = Solicitação de suporte criada
audit-action-refund-approved = Reembolso aprovado
audit-action-exchange-approved = Troca aprovada
audit-action-request-rejected = Solicitação de suporte rejeitada
audit-action-sync-changed = Alterada no Azure (encontrada pela sincronização)
audit-action-sync-requested = Sincronização com o Azure solicitada
audit-action-azure-refused = Alteração recusada pelo Azure
audit-action-azure-pending = Alteração ainda em andamento no Azure
notice-bad-action = Essa ação não é conhecida; exibindo todas as ações.

## Conta
account-password-title = Alterar sua senha
account-password-hint = Pelo menos 12 caracteres. Suas outras sessões terminam quando você a altera.
account-current-password = Senha atual
account-new-password = Nova senha
account-confirm-password = Repita a nova senha
account-password-save = Alterar senha
account-password-changed = Sua senha foi alterada. Suas outras sessões foram encerradas.
password-current-wrong = Esta não é sua senha atual.
password-too-short = Use pelo menos 12 caracteres.
password-too-long = Use no máximo 256 caracteres.
password-same-as-email = Não use seu endereço de e-mail como senha.
password-contains-name = Não baseie sua senha no seu nome ou endereço de e-mail.
password-guessable = Esta senha é fácil de adivinhar: é comum ou feita de uma palavra, uma sequência do teclado, uma data ou uma repetição. Use uma frase mais longa de palavras sem relação.
password-same-as-current = A nova senha deve ser diferente da atual.
password-mismatch = As duas novas senhas são diferentes.

## Seções da reserva: Configuração, Controle de acesso, Log de atividades
blade-access = Controle de acesso (IAM)
blade-configuration = Configuração
blade-activity = Log de atividades
nav-my-reservations = Minhas reservas
nav-my-requests = Minhas solicitações de suporte
my-requests-intro = Reembolsos, trocas e perguntas sobre as reservas em que você tem uma função, das mais recentes às mais antigas.
my-requests-empty = Ainda não há solicitações de suporte sobre as suas reservas. Inicie uma na lâmina Nova solicitação de suporte de uma reserva.
mine-intro = As reservas do Azure nas quais você tem uma função.
mine-empty-title = Ainda não há reservas
mine-empty = Você não tem função em nenhuma reserva. Peça ao seu parceiro ou a um Proprietário de uma reserva.
config-intro = Altere onde a reserva se aplica, seu nome, a flexibilidade de tamanho de instância e a renovação.
config-read-only = Sua função permite ler esta configuração, mas não alterá-la.
config-name-hint = De 1 a 64 caracteres: letras, dígitos, espaços e - _ .
config-subscription = Assinatura
config-subscription-hint = Para uma assinatura única ou um grupo de recursos único.
config-resource-group = Grupo de recursos
config-management-group = Grupo de gerenciamento
config-choose = Escolha…
config-save = Salvar
config-saved = Salvo. O que mudou:
config-nothing-changed = Nada a alterar: a reserva já tem estas configurações.
config-conflict = Alguém salvou uma alteração mais recente nesta reserva. As configurações agora são:
config-conflict-hint = O que você digitou foi mantido abaixo. Compare com estes valores e salve de novo para substituí-los.
config-fixed = Prazo, preço, ID da reserva e ID do pedido nunca mudam aqui.
scope-kind-unknown = Escolha um dos quatro escopos.
scope-subscription-unknown = Escolha uma das assinaturas deste cliente.
scope-resource-group-unknown = Escolha um grupo de recursos da assinatura escolhida.
scope-management-group-unknown = Escolha um dos grupos de gerenciamento deste cliente.
flexibility-choose = Escolha Ativada ou Desativada.
flexibility-not-applicable-error = A flexibilidade de tamanho de instância não se aplica a este tipo de reserva.
reservation-name-empty = Informe um nome.
reservation-name-too-long = Um nome tem no máximo 64 caracteres.
reservation-name-characters = Use apenas letras, dígitos, espaços e - _ .
reservation-role-owner = Proprietário
reservation-role-administrator = Administrador de Reservas
reservation-role-contributor = Colaborador de Reservas
reservation-role-reader = Leitor de Reservas
reservation-role-unknown = Escolha uma das quatro funções.
access-assignments = Atribuições de função
access-none = Ninguém tem função nesta reserva.
access-principal = Pessoa
access-assigned-by = Atribuída por
access-assigned-at = Atribuída em
access-remove = Remover
access-removed = A função foi removida.
access-add = Adicionar uma atribuição de função
access-add-hint = Proprietários e Administradores de Reservas gerenciam a reserva e seu acesso; Colaboradores a gerenciam; Leitores leem. Quem não tem acesso recebe um.
access-add-button = Adicionar
access-added = { $email } agora é { $role }.
access-duplicate = Esta pessoa já tem esta função.
access-other-customer = Esta pessoa entra por outro cliente.
access-outside-organisation = Você só pode dar funções a pessoas da sua organização (um endereço no domínio da sua empresa, ou alguém que já entra por ela).
access-last-owner = Uma reserva mantém pelo menos um Proprietário: adicione outro Proprietário antes de remover este.
access-password-once = { $email } já pode entrar para ver esta reserva. Entregue esta senha agora: ela não será exibida de novo.
activity-empty = Nenhuma alteração foi feita nesta reserva ainda.
activity-reservation-renamed = Renomeada
activity-scope-changed = Escopo alterado
activity-flexibility-changed = Flexibilidade de tamanho de instância alterada
activity-renew-changed = Renovação automática alterada
activity-role-assigned = Função atribuída
activity-role-removed = Função removida

## Solicitações de suporte
nav-requests = Todas as solicitações de suporte
blade-support = Nova solicitação de suporte
tab-requests = Solicitações de suporte
support-intro = Peça um reembolso, uma troca ou ajuda com esta reserva. O ID da reserva e o ID do pedido são anexados para você.
support-new = Nova solicitação de suporte
action-refund = Reembolso
action-exchange = Troca
support-no-right = Sua função não abre solicitações de suporte.
support-requests-of-reservation = Solicitações sobre esta reserva
support-none = Ainda não há solicitações de suporte.
customer-requests-empty = Este cliente não tem solicitações de suporte.
col-request-number = Número
col-request-title = Resumo
col-request-kind = Tipo
col-created = Criada
request-kind-refund = Reembolso
request-kind-exchange = Troca
request-kind-other = Solicitação de suporte
request-status-open = Aberta
request-status-approved = Aprovada
request-status-rejected = Recusada
request-status-completed = Concluída
queue-intro = Encontre uma solicitação pelo número, ou pelo ID da reserva ou ID do pedido que o cliente informou.
queue-search = Número ou ID
queue-search-placeholder = Número da solicitação, ID da reserva ou ID do pedido
queue-empty-title = Nenhuma solicitação encontrada
queue-empty = Nada corresponde. Tente outro status ou todos.
notice-bad-request-search = Isto não é um número de solicitação, um ID de reserva nem um ID de pedido; exibindo todas as solicitações.
wizard-steps = Etapas
step-basics = Noções básicas
step-problem = Problema
step-contact = Informações de contato
step-review = Revisar + criar
wizard-attached = Anexados:
wizard-next = Avançar
wizard-back = Voltar
wizard-create = Criar
wizard-review-errors = Algumas etapas precisam de atenção: volte à etapa indicada em vermelho.
request-summary-refund = Reembolso da reserva { $name }
request-summary-exchange = Troca da reserva { $name }
field-issue-type = Tipo de solicitação
field-summary = Resumo
field-problem-type = Tipo de problema
field-category = Subtipo do problema
field-problem-start = Início do problema
field-severity = Gravidade
field-description = Descrição
field-first-name = Nome
field-last-name = Sobrenome
field-additional-emails = E-mails adicionais (separados por vírgula)
field-phone = Telefone
field-contact-method = Forma de contato preferida
contact-method-email = E-mail
contact-method-phone = Telefone
field-time-zone = Fuso horário
field-language = Idioma do suporte
language-en-us = Inglês
language-pt-br = Português (Brasil)
field-contact = Contato
field-required = Este campo é obrigatório.
field-too-long = Isto é longo demais.
field-choose = Escolha uma das opções.
problem-start-future = O problema não pode começar no futuro.
problem-start-invalid = Informe uma data (ano-mês-dia).
additional-emails-invalid = Informe até cinco endereços de e-mail, separados por vírgulas.
phone-invalid = Informe um telefone com 6 a 20 dígitos.
phone-required = Informe um telefone para retorno da ligação.
exchange-wanted = Nova reserva desejada
exchange-wanted-hint = O mesmo tipo de recurso; SKU, região, prazo e quantidade podem mudar. O novo prazo começa no dia da troca.
exchange-update-quote = Atualizar cotação
exchange-choose = Escolha o novo SKU, a região, o prazo e a quantidade.
quote-refused = Esta solicitação não pode seguir: veja o motivo na cotação.
quote-refund-title = Cotação do reembolso
quote-exchange-title = Cotação da troca
quote-term-days = Dias no prazo
quote-remaining-days = Dias restantes
quote-basis = Base (menor entre o preço de compra e o atual)
quote-future-cancelled = Pagamentos futuros cancelados
quote-prorated = Valor proporcional
quote-basis-monthly = Preço de compra, pago mensalmente
quote-unused-month = Parte não usada do mês atual
quote-fee = Taxa de rescisão antecipada
quote-fee-grace = Taxa de rescisão antecipada (período de carência)
quote-refund = Reembolso
quote-refund-full = Reembolso (sem uso no período de carência: tudo)
quote-cancelled = Conta para o limite
quote-allowance = Saldo de reembolso disponível
quote-allowance-after = Saldo após este reembolso
quote-value-returned = Valor devolvido
quote-new-commitment = Novo compromisso
quote-difference = O parceiro paga
quote-new-term = Novo prazo
quote-qualifies = Qualifica-se
refusal-not-refundable = Este tipo de reserva não pode ser reembolsado.
refusal-not-in-force = Somente uma reserva em vigor pode ser reembolsada ou trocada.
refusal-over-limit = Este reembolso levaria o cliente além do limite de reembolso dos últimos 365 dias.
refusal-other-type = Uma troca mantém o mesmo tipo de recurso.
refusal-too-small = A nova reserva deve valer pelo menos o valor devolvido.
refusal-past-cutoff = Reservas deste tipo compradas após a data limite de trocas não podem ser trocadas.
request-details = Detalhes
request-history = Histórico
request-event-created = Criada
request-event-approved = Aprovada
request-event-rejected = Recusada
settle-title = Decidir
settle-hint = Aprovar registra o reembolso ou a troca agora; o limite e a cotação são verificados de novo.
settle-approve = Aprovar
settle-reason = Motivo
settle-reject = Recusar
settle-not-open = Esta solicitação já foi decidida.
settle-other-kind = Somente reembolsos e trocas são aprovados aqui.
reject-reason-required = Informe o motivo da recusa.
reject-reason-too-long = Um motivo tem no máximo 1.000 caracteres.
allowance-title = Saldo de reembolso
allowance-of = disponível de { $limit } em quaisquer 365 dias
allowance-no-refunds = Nenhum reembolso nos últimos 365 dias.
ledger-booked = Registrado em
ledger-returns = Volta ao saldo em
activity-request-created = Solicitação de suporte criada
activity-refund-approved = Reembolso aprovado
activity-exchange-approved = Troca aprovada
activity-request-rejected = Solicitação de suporte recusada

## Configurações
nav-settings = Configurações
settings-intro = A política de reembolso e troca do seu contrato de parceiro.
settings-saved = As configurações foram salvas.
settings-fee = Taxa de rescisão antecipada (%)
settings-grace = Período de carência (dias)
settings-limit = Limite de reembolso por cliente a cada 365 dias (USD)
settings-cutoff = Data limite de trocas para tipos cobertos por planos de economia
settings-fee-invalid = Informe uma porcentagem de 0 a 100.
settings-grace-invalid = Informe um número de dias de 0 a 90.
settings-limit-invalid = Informe um valor em dólares e centavos, 0 ou mais.
settings-cutoff-invalid = Informe uma data (ano-mês-dia).

## Início
nav-home = Início
home-title = O que precisa de atenção
home-intro = Reservas perto do fim, capacidade sem uso, solicitações aguardando e clientes perto do limite de reembolso.
tile-expiring = Vencem em até { $days } dias
tile-renewing = { $count ->
    [one] 1 renova sozinha
   *[other] { $count } renovam sozinhas
}
tile-underused = Uso abaixo de { $percent }% (7 dias)
tile-underused-note = Reservas em vigor com capacidade ociosa.
tile-open-requests = Solicitações de suporte abertas
tile-open-requests-note = Aguardando um agente de suporte.
home-near-limit = Clientes perto do limite de reembolso
home-near-limit-none = Nenhum cliente usou 80% do limite de reembolso.
home-allowance-left = { $amount } disponíveis
list-expiring-title = Vencem em até { $days } dias
list-underused-title = Reservas subutilizadas
list-empty-title = Nada aqui
list-empty = Nenhuma reserva está nesta lista hoje.
export-csv = Exportar CSV
notice-bad-days = Escolha 30, 60 ou 90 dias; exibindo 30.
settings-underused = Subutilizada abaixo desta utilização em 7 dias (%)
settings-underused-invalid = Informe uma porcentagem de 1 a 100.

## Idioma
language-label = Idioma
language-switch = Alterar
content-updated = Conteúdo atualizado.
error-busy = O painel está muito ocupado agora. Sua solicitação não foi realizada; tente novamente em instantes.
error-title-busy = Ocupado, tente de novo

## Confirmations
confirm-cancel = Cancelar
confirm-approve-title = Aprovar a solicitação { $number }?
confirm-approve-refund = Reembolsar { $amount } e cancelar { $name }.
confirm-approve-exchange = Encerrar { $name } como trocada e criar a substituta: { $wanted }.
confirm-reject-title = Rejeitar a solicitação { $number }?
confirm-reject = A solicitação é encerrada como rejeitada com o seu motivo; { $name } fica como está.
confirm-disable-title = Desativar { $email }?
confirm-disable = { $email } sai da sessão imediatamente e não pode entrar até ser ativado de novo.
confirm-reset-title = Redefinir a senha de { $email }?
confirm-reset = { $email } recebe uma nova senha, mostrada a você uma vez, e sai de todas as sessões.
confirm-remove-title = Remover esta função?
confirm-remove = { $email } perde a função { $role } em { $name }.
confirm-discard-title = Descartar este rascunho?
confirm-discard = A solicitação de { $kind } para { $name } não é criada, e o que você preencheu é apagado.
confirm-discard-button = Descartar rascunho
settle-approved-notice = Solicitação { $number } aprovada.
settle-rejected-notice = Solicitação { $number } rejeitada.
request-created-notice = Solicitação { $number } criada. O suporte vai resolvê-la; acompanhe aqui.
wizard-cancel = Cancelar e descartar este rascunho
request-already-open-notice = A solicitação { $number } já está aberta para esta reserva. Ela é mostrada aqui em vez de iniciar outra; uma reserva tem um reembolso ou uma troca por vez.
request-event-closed = Encerrada: a reserva deixou de vigorar pela solicitação
request-event-expired = Encerrada: a reserva expirou
request-event-ended = Encerrada: a reserva não está mais em vigor
request-note-refund = Reembolso de { $refund } (taxa de { $fee }; { $counts } contam no limite)
request-note-exchange = Nova reserva { $reservation } (valor devolvido { $returned }; novo compromisso { $commitment })
support-not-in-force = Esta reserva não está mais em vigor, por isso não pode ser reembolsada nem trocada. Você ainda pode fazer uma pergunta sobre ela.

## Values the user sees (every enum and fixed list), by their stored form
choice-virtualmachines = Máquinas virtuais
choice-sqldatabases = Banco de Dados SQL
choice-cosmosdb = Cosmos DB
choice-appservice = Serviço de Aplicativo
choice-manageddisk = Discos gerenciados
choice-blockblob = Armazenamento de blobs
choice-rediscache = Cache para Redis
choice-mysql = Banco de Dados para MySQL
choice-postgresql = Banco de Dados para PostgreSQL
choice-dedicatedhost = Hosts dedicados
choice-databricks = Pré-compra do Databricks
choice-synapseanalytics = Pré-compra do Synapse Analytics
choice-suselinux = Plano SUSE Linux
choice-redhat = Plano Red Hat
choice-p1y = 1 ano
choice-p3y = 3 anos
choice-p5y = 5 anos
choice-upfront = Antecipado
choice-monthly = Mensal
choice-single = Assinatura única
choice-shared = Compartilhado
choice-managementgroup = Grupo de gerenciamento
choice-succeeded = Ativa
choice-cancelled = Cancelada
choice-expired = Expirada
choice-exchanged = Trocada
choice-creating = Criando
choice-failed = Falhou
choice-on = Ativada
choice-off = Desativada
choice-admin = Agente administrador
choice-sales = Agente de vendas
choice-helpdesk = Agente de atendimento
choice-support = Agente de suporte
choice-customer = Usuário do cliente
choice-owner = Proprietário
choice-reservationsadministrator = Administrador de Reservas
choice-reservationscontributor = Colaborador de Reservas
choice-reservationsreader = Leitor de Reservas
choice-refund = Reembolso
choice-exchange = Troca
choice-other = Outro
choice-open = Aberta
choice-approved = Aprovada
choice-rejected = Rejeitada
choice-completed = Concluída
choice-billing = Cobrança
choice-technical = Técnico
choice-subscription-management = Gerenciamento de assinaturas
choice-service-and-subscription-limits-quotas = Limites de serviço e assinatura (cotas)
choice-reservation-management = Gerenciamento de reservas
choice-reservation-utilization = Utilização de reservas
choice-invoice-and-payments = Faturas e pagamentos
choice-exchanges-and-refunds = Trocas e reembolsos
choice-scope-and-configuration = Escopo e configuração
choice-renewal = Renovação
choice-minimal = Mínima
choice-moderate = Moderada
choice-critical = Crítica
choice-highest-critical-impact = Impacto crítico máximo
choice-email = E-mail
choice-phone = Telefone
choice-utc = UTC (Tempo Universal Coordenado)
choice-america-new-york = Nova York (Leste dos EUA)
choice-america-chicago = Chicago (Centro dos EUA)
choice-america-denver = Denver (Montanhas dos EUA)
choice-america-los-angeles = Los Angeles (Pacífico dos EUA)
choice-america-sao-paulo = São Paulo
choice-america-mexico-city = Cidade do México
choice-america-toronto = Toronto
choice-europe-london = Londres
choice-europe-lisbon = Lisboa
choice-europe-madrid = Madri
choice-europe-paris = Paris
choice-europe-berlin = Berlim
choice-europe-amsterdam = Amsterdã
choice-asia-tokyo = Tóquio
choice-asia-kolkata = Calcutá (Índia)
choice-australia-sydney = Sydney
choice-usa = Estados Unidos
choice-bra = Brasil
choice-gbr = Reino Unido
choice-deu = Alemanha
choice-fra = França
choice-can = Canadá
choice-aus = Austrália
choice-jpn = Japão
choice-nld = Países Baixos
choice-esp = Espanha
choice-mex = México
choice-prt = Portugal
choice-ind = Índia
choice-en-us = Inglês (Estados Unidos)
choice-pt-br = Português (Brasil)
choice-single-subscription = Assinatura única
choice-single-resource-group = Grupo de recursos único
choice-management-group = Grupo de gerenciamento

## Page descriptions (meta description)
meta-account-password = Altere sua senha: o que uma nova senha precisa ter e por que uma fraca é recusada.
meta-admin-agents = Os agentes do parceiro: adicione, altere funções, desative ou redefina senhas.
meta-admin-audit = Cada entrada e cada alteração, com quem fez, quando e de onde.
meta-admin-settings = Política de reembolso e troca: taxa, período de carência, limite anual, data de corte e limite de subutilização.
meta-auth-sign-in = Entre no Partner Dashboard para gerenciar as reservas do Azure dos seus clientes.
meta-confirm = Confirme uma ação que não pode ser desfeita.
meta-customers-list = Seus clientes: pesquise por empresa, domínio ou ID do locatário, com as reservas ativas e a vencer.
meta-customers-overview = Detalhes de um cliente, assinaturas, grupos de recursos, grupos de gerenciamento e saldo de reembolso.
meta-customers-requests = As solicitações de suporte de um cliente: reembolsos, trocas e perguntas.
meta-customers-reservations = As reservas do Azure de um cliente com tipo, escopo, prazo, vencimento, utilização e status.
meta-errors-error = O Partner Dashboard não pôde mostrar esta página.
meta-home-home = O que precisa de atenção: reservas a vencer e subutilizadas, solicitações abertas e clientes perto do limite.
meta-home-list = Reservas que precisam de atenção, de todos os clientes, exportáveis em CSV.
meta-lookup-lookup = Encontre uma reserva, seu pedido, cliente e solicitações abertas a partir de qualquer ID de reserva, ID de pedido ou número de solicitação.
meta-lookup-order = Um pedido de reserva e todas as reservas nele.
meta-mine-requests = As solicitações de suporte sobre as suas reservas.
meta-mine-reservations = As reservas do Azure em que você tem uma função.
meta-requests-detail = Uma solicitação de suporte: o que pede, sua cotação e seu histórico.
meta-requests-queue = A fila de solicitações de suporte: filtre por status, pesquise por número, ID de reserva ou ID de pedido.
meta-requests-wizard = Uma solicitação de suporte para uma reserva, passo a passo, com a cotação ao vivo.
meta-reservations-access = Quem tem qual função nesta reserva.
meta-reservations-activity = Cada alteração desta reserva, com o valor antes e depois.
meta-reservations-configuration = O escopo aplicado, o nome, a flexibilidade de tamanho de instância e a renovação automática desta reserva.
meta-reservations-overview = Esta reserva em resumo: status, vencimento, escopo, prazo e utilização.
meta-reservations-properties = Os IDs e todas as propriedades desta reserva, prontos para copiar.
meta-reservations-support = As solicitações de suporte desta reserva, e uma nova.

# Data source and the sync with Azure
nav-data-source = Fonte de dados
meta-admin-data-source = De onde vêm os clientes e as reservas, e a sincronização com o Azure.
data-source-intro = De onde vêm os clientes e as reservas, e quando cada cliente foi lido do Azure pela última vez.
data-source-connected = Conectado ao Azure
data-source-connected-detail = Locatário do parceiro { $tenant } na nuvem { $cloud }.
data-source-every = { $minutes ->
    [one] Uma sincronização é feita a cada minuto.
   *[other] Uma sincronização é feita a cada { $minutes } minutos.
}
data-source-on-demand = A sincronização só é feita quando um administrador pede.
data-source-demo = Dados de demonstração: não conectado ao Azure
data-source-demo-detail = O painel gerencia os próprios dados, e as alterações ficam aqui. Para trazer seus clientes do Partner Center e as reservas deles, defina as configurações do Azure descritas no README e reinicie o servidor.
data-source-sync-now = Sincronizar agora
data-source-sync-started = Sincronização iniciada. O andamento aparece abaixo.
data-source-running = Sincronização em andamento
data-source-progress = { $done } de { $total } clientes
data-source-progress-failed = { $failed ->
    [one] 1 com falha
   *[other] { $failed } com falha
}
data-source-customers = Clientes
data-source-customers-none = Nenhum cliente foi sincronizado ainda.
data-source-col-customer = Cliente
data-source-col-when = Última sincronização
data-source-col-took = Duração
data-source-col-added = Incluídas
data-source-col-changed = Alteradas
data-source-col-missing = Fora do Azure
data-source-col-days = Dias de utilização
data-source-col-result = Resultado
data-source-col-started = Início
data-source-col-by = Iniciada por
data-source-col-customers = Clientes
data-source-col-failed = Com falha
data-source-col-state = Situação
data-source-seconds = { $seconds ->
    [one] 1 s
   *[other] { $seconds } s
}
data-source-ok = Sincronizado
data-source-failed = Falhou
data-source-runs = Sincronizações recentes
data-source-runs-none = Nenhuma sincronização foi feita ainda.
sync-state-running = Em andamento
sync-state-finished = Concluída
sync-state-finished-failures = Concluída, alguns clientes falharam
sync-state-failed = Falhou
sync-state-interrupted = Interrompida (o servidor parou)
sync-running = Já há uma sincronização em andamento; o andamento aparece nesta página.
sync-not-connected = O painel não está conectado ao Azure, então não há o que sincronizar.
azure-refused = O Azure recusou a alteração.
synced-at = Sincronizado do Azure { $when }
synced-never = Não sincronizado do Azure
synced-missing = O Azure não lista mais esta reserva (desde { $when }). Ela é mantida aqui com as solicitações e o histórico.
settle-in-progress = Outro agente está resolvendo esta solicitação agora; veja de novo em um minuto.
config-azure-refused = O Azure recusou a alteração, e nada foi alterado aqui. O Azure disse:
config-azure-refused-hint = O que você digitou está mantido abaixo: corrija e salve de novo.
config-azure-pending = O Azure ainda está aplicando a alteração. Nada mudou aqui ainda; o resultado aparece após a próxima sincronização.
config-azure-first = As alterações são aplicadas primeiro no Azure e salvas aqui quando o Azure as confirma. Isso pode levar até um minuto.
config-applying = Salvando…
config-applying-azure = Aplicando no Azure…
azure-said = O Azure disse:
azure-settlement-title = Resolvida no Azure
azure-refund = Reembolso do Azure
azure-net-payable = Valor líquido a pagar (Azure)
azure-dashboard-refund = Cotação do painel
azure-consumed = Reembolsos do cliente no ano (Azure)
azure-session = Sessão do Azure
azure-correlation = ID de correlação
azure-differs = O reembolso do Azure ({ $azure }) é diferente da cotação do painel ({ $dashboard }). O valor do Azure é o que o cliente recebe.
data-source-starting = Lendo os clientes do parceiro no Partner Center…
settle-scope-unknown = O escopo da reserva aponta para um local que este painel não conhece; sincronize com o Azure e tente de novo.
azure-quote-title = Cotação do Azure hoje
azure-quote-refund = O Azure reembolsaria
azure-quote-refused = O Azure recusaria este reembolso:
azure-quote-differs = O Azure reembolsaria { $azure }, não os { $dashboard } do painel. O valor do Azure é o que o cliente recebe.

## The CSV export of reservations
export-link = Exportar reservas (CSV)
export-link-hint = Todas as reservas de todos os clientes, em um arquivo de planilha.
export-customer = Cliente
export-tenant = ID do locatário
export-reservation-id = ID da reserva
export-order-id = ID do pedido de reserva
export-name = Nome da reserva
export-type = Tipo de recurso reservado
export-sku = SKU
export-region = Região
export-quantity = Quantidade
export-term = Prazo
export-billing-plan = Plano de cobrança
export-purchase-date = Data de compra
export-expiry-date = Data de expiração
export-status = Status
export-renew = Renovação automática
export-yes = Sim
export-no = Não

## Archive
action-archive = Arquivar
action-unarchive = Desarquivar
status-archived = Arquivada
archive-done = A reserva foi arquivada. As listas a omitem, a menos que você peça as reservas arquivadas.
unarchive-done = A reserva saiu do arquivo.
audit-action-reservation-archived = Reserva arquivada
audit-action-reservation-unarchived = Reserva desarquivada
activity-reservation-archived = Arquivada
activity-reservation-unarchived = Retirada do arquivo
filter-show-archived = Mostrar arquivadas

## Split and merge
status-split = Dividida
status-merged = Mesclada
action-split = Dividir
action-merge = Mesclar
archive-not-ended = Só uma reserva encerrada (expirada, cancelada, trocada, dividida ou mesclada) pode ser arquivada.
split-title = Dividir reserva
split-intro = Divida esta reserva em duas reservas no mesmo pedido. Cada uma mantém tipo, SKU, região, prazo, escopo e datas; as quantidades informadas devem somar { $quantity }. Funções e histórico de utilização passam para as duas.
split-first = Quantidade da primeira reserva
split-second = Quantidade da segunda reserva
split-names = As novas reservas se chamarão { $first } e { $second }.
split-submit = Dividir
split-done = A reserva foi dividida. Ela está encerrada agora; as duas novas reservas estão ligadas abaixo.
split-not-in-force = Só uma reserva em vigor pode ser dividida.
split-quantity-one = Uma reserva com quantidade 1 não pode ser dividida.
split-bad-quantities = Informe duas quantidades inteiras de pelo menos 1 que somem a quantidade da reserva.
split-conflict = Alguém alterou esta reserva (talvez a dividiu) depois que você abriu esta página. Nada foi dividido. Confira-a e tente de novo.
merge-title = Mesclar reservas
merge-intro = Mescle esta reserva com outras do mesmo pedido. Elas precisam ter o mesmo SKU, região, prazo, tipo de escopo e data de expiração. A reserva mesclada mantém o nome e o escopo desta, a quantidade total e as funções de todos.
merge-candidates = Reservas que podem ser mescladas com esta
merge-none = Nenhuma outra reserva deste pedido pode ser mesclada com esta.
merge-others = Outras reservas deste pedido
merge-submit = Mesclar
merge-done = As reservas foram mescladas nesta.
merge-too-few = Escolha pelo menos uma outra reserva para mesclar.
merge-not-in-force = Só reservas em vigor podem ser mescladas.
merge-different-order = Só reservas do mesmo pedido podem ser mescladas.
merge-different-sku = Estas reservas têm SKUs diferentes, então não podem ser mescladas.
merge-different-region = Estas reservas estão em regiões diferentes, então não podem ser mescladas.
merge-different-term = Estas reservas têm prazos diferentes, então não podem ser mescladas.
merge-different-scope = Estas reservas têm tipos de escopo diferentes, então não podem ser mescladas.
merge-different-expiry = Estas reservas expiram em dias diferentes, então não podem ser mescladas.
merge-conflict = Alguém alterou uma destas reservas depois que você abriu esta página. Nada foi mesclado. Confira-as e tente de novo.
reshape-open-request = Uma das reservas envolvidas tem uma solicitação de suporte aberta. Resolva ou feche a solicitação primeiro.
lineage-heading = Reservas relacionadas
link-split-from = Dividida a partir de
link-split-into = Dividida em
link-merged-from = Mesclada a partir de
link-merged-into = Mesclada em
link-renewed-from = Renovada a partir de
link-renewed-as = Renovada como
audit-action-reservation-split = Reserva dividida
audit-action-split-part-made = Reserva criada por divisão
audit-action-reservation-merged = Reserva mesclada
audit-action-merge-result-made = Reserva criada por mesclagem
activity-reservation-split = Dividida
activity-split-part-made = Criada por divisão
activity-reservation-merged = Mesclada em outra reserva
activity-merge-result-made = Criada por mesclagem
meta-split = Divida uma reserva em duas reservas do mesmo pedido.
meta-merge = Mescle reservas do mesmo pedido em uma só.

## Renewal
field-renewal-plan = Renovação
renewal-legend = Como renova
renewal-hint = Na expiração, uma nova reserva é comprada com este prazo, plano de cobrança e quantidade (os mesmos de agora, a menos que você os altere), pelo preço do catálogo.
renewal-show-price = Mostrar preço
renewal-price-upfront = Preço da renovação: { $total } por { $term }, pago antecipadamente.
renewal-price-monthly = Preço da renovação: { $total } em { $term }, { $monthly } por mês.
renewal-price-unknown = Escolha um prazo, um plano de cobrança e uma quantidade de 1 a 1.000 para ver o preço da renovação.
renew-term-choose = Escolha o prazo da renovação.
renew-term-unavailable = O catálogo não vende este SKU nesta região com esse prazo. Escolha outro prazo.
renew-plan-choose = Escolha Antecipado ou Mensal.
renew-quantity-invalid = Informe uma quantidade inteira de 1 a 1.000.
renews-as = Renova como { $term }, { $plan }, quantidade { $quantity }
audit-action-renewal-plan-changed = Plano de renovação alterado
audit-action-reservation-renewed = Reserva renovada
audit-action-renewal-made = Reserva comprada como renovação
activity-renewal-plan-changed = Plano de renovação alterado
activity-reservation-renewed = Renovada na expiração
activity-renewal-made = Comprada como renovação

## Recommendations
blade-advice = Recomendações
meta-advice = O que os últimos 30 dias de uso da reserva sugerem: troca, reembolso ou renovação.
advice-none = Nenhuma recomendação: nos últimos 30 dias esta reserva foi usada como esperado.
advice-held = { $name } ({ $quantity } × { $sku })
advice-used = Nos últimos 30 dias, { $held } foi usada em média { $average }.
advice-exchange-title = Trocar por menos unidades
advice-exchange-needed = { $needed ->
    [one] Uma unidade teria coberto esse uso.
   *[other] { $needed } unidades teriam coberto esse uso.
}
advice-exchange-quote = Trocá-la por essa quantidade do mesmo tamanho devolve { $returned } do seu valor; a nova reserva custa { $cost }, então { $difference } é pago a mais, por um novo prazo completo.
advice-exchange-button = Trocar
advice-smaller-title = Trocar por um tamanho menor
advice-smaller-needed = Uma unidade de { $size }, um tamanho menor do mesmo tipo, teria coberto esse uso.
advice-smaller-quote = Trocá-la por esse tamanho devolve { $returned } do seu valor; a nova reserva custa { $cost }, então { $difference } é pago a mais, por um novo prazo completo.
advice-refund-title = Reembolso
advice-refund-why = A política de trocas não permite uma troca por menos unidades, então um reembolso é sugerido.
advice-refund-quote = O reembolso seria de { $refund }. O limite de reembolso do cliente passaria de { $left } para { $after }.
advice-refund-button = Reembolsar
advice-renew-title = Renovar
advice-renew-why = Ela é totalmente usada e expira em { $days } dias ({ $date }) sem renovação. Ativar a renovação automática mantém o desconto sem interrupção.
advice-renew-button = Ativar renovação automática
advice-dismiss = Dispensar
advice-dismissed = A recomendação foi dispensada. Ela continua dispensada.
advice-dismissed-by = Dispensada por { $who } em { $when }.
audit-action-recommendation-dismissed = Recomendação dispensada
activity-recommendation-dismissed = Recomendação dispensada
tile-recommended = Recomendações
tile-recommended-note = dos últimos 30 dias de uso: trocar, reembolsar ou renovar
list-recommended-title = Reservas com uma recomendação

## Revisions
revisions-heading = Revisões
revisions-hint = Cada alteração gera uma revisão. Abra uma para ver a reserva como era então.
col-revision = Revisão
col-when = Quando
col-by = Por
col-changes = O que mudou
revision-title = Revisão { $version }
revision-first = Como foi registrada pela primeira vez.
revision-banner = Esta é a reserva como era em { $when }. A revisão atual é a { $latest }.
revision-current = Ver como está agora.
revision-by = Alterada por { $who }.
revision-by-unknown = Não foi registrado quem fez esta alteração.
meta-revision = Uma reserva como era em uma de suas revisões.

## Comprar reservas para um cliente
tab-purchase = Comprar reservas
purchase-start = Comprar reservas
purchase-title = Comprar reservas
meta-purchase = O catálogo de preços, filtrado por tipo, região, prazo e plano de cobrança, e o carrinho de reservas a comprar para este cliente.
purchase-catalogue = Catálogo
purchase-any = Qualquer
purchase-no-offers = Nada no catálogo corresponde a estes filtros. Escolha "Qualquer" em um deles para ver mais.
purchase-more = Mostrando os primeiros { $shown } de { $matching } produtos. Restrinja os filtros para ver o restante.
purchase-unit-price = Preço por unidade, prazo inteiro
purchase-per-month = { $amount } por mês
purchase-add-heading = Adicionar ao carrinho
purchase-add = Adicionar
purchase-added = Adicionado ao carrinho.
purchase-removed = Retirado do carrinho.
purchase-cart = Carrinho
purchase-cart-empty = O carrinho está vazio. Adicione produtos do catálogo para comprá-los para este cliente.
purchase-review = Revisar preço
purchase-plan-heading = Quantidade, prazo e plano
purchase-line-price = Preço
purchase-line-monthly = { $total } ({ $monthly } por mês)
purchase-quantity = { $quantity ->
    [one] 1 unidade
   *[other] { $quantity } unidades
}
purchase-remove = Remover
purchase-total = Compromisso total
purchase-due-today = A pagar hoje
purchase-monthly = Depois, a cada mês
purchase-review-title = Revisar e comprar
meta-purchase-review = O preço do carrinho, a assinatura cobrada e o Proprietário do que for comprado, antes de comprar.
purchase-price-refused = O Azure não calculou o preço de um item deste carrinho:
purchase-review-note = Os preços são calculados de novo no momento da compra. Cada item vira um pedido de reserva próprio.
purchase-confirm-heading = Cobrança e propriedade
purchase-billing = Assinatura cobrada
purchase-owner = Proprietário
purchase-owner-hint = E-mail da pessoa que será proprietária das reservas, normalmente alguém de { $domain }. Quem não tem acesso recebe um; a senha é mostrada uma vez.
purchase-no-subscription = Este cliente não tem assinatura para cobrar, então ainda não é possível comprar nada para ele.
purchase-submit = Comprar por { $total }
purchase-back = Voltar ao catálogo
purchase-made-title = Compra
meta-purchase-made = O que uma compra para este cliente comprou.
purchase-pending = Esta compra ainda está em andamento. Recarregue esta página em instantes para ver o que ela comprou.
purchase-failed = Esta compra não foi concluída.
purchase-done = { $count ->
    [one] 1 reserva foi comprada.
   *[other] { $count } reservas foram compradas.
}
purchase-password-once = { $email } já pode entrar para ver as reservas compradas. Entregue esta senha agora: ela não será mostrada de novo.
purchase-bought = O que foi comprado
purchase-when = Comprado em
purchase-again = Comprar mais para este cliente
purchase-item-unknown = Esse produto não está mais no catálogo.
purchase-plan-invalid = Escolha Antecipado ou Mensal.
purchase-quantity-invalid = Informe um número inteiro de unidades de 1 a 1.000.
purchase-scope-invalid = Escolha compartilhado ou uma das assinaturas deste cliente.
purchase-cart-changed = O carrinho mudou desde esta revisão (um item foi adicionado, removido ou está sendo comprado em outra aba). Confira o preço abaixo e compre de novo.
purchase-token-invalid = Esta revisão expirou. Revise o preço de novo e compre a partir dela.
purchase-billing-invalid = Escolha uma das assinaturas deste cliente para cobrar.
purchase-owner-invalid = Informe o e-mail do Proprietário, como nome@exemplo.com.
audit-action-reservation-purchased = Reserva comprada
activity-reservation-purchased = Comprada para o cliente

## Email alerts: the account page
account-tabs-label = Sua conta
account-alerts-title = Alertas por email
meta-account-alerts = Escolha quais alertas por email você recebe e o idioma em que são escritos.
account-alerts-intro = Escolha sobre o que o painel envia emails para você. Cada tipo chega no máximo uma vez por dia, agrupado por cliente.
account-alerts-saved = Seus alertas foram salvos.
account-alerts-mail-off = Ainda não há servidor de email configurado: seus alertas aguardam na caixa de saída até que um administrador configure um.
alerts-expiry-legend = Reservas expirando
alerts-expiry-hint = Um email no dia em que uma reserva que você vê chega a:
alerts-days-before = { $days ->
    [one] 1 dia antes de expirar
   *[other] { $days } dias antes de expirar
}
alerts-other-legend = Outros alertas
alerts-underused = Reservas usadas abaixo do limite nos últimos 7 dias
alerts-new-requests = Novas solicitações de suporte
alerts-settled = Minhas solicitações de suporte aprovadas ou rejeitadas
alerts-language = Idioma dos emails
alerts-language-unknown = Escolha um dos idiomas da lista.
alerts-save = Salvar alertas

## Email alerts: the outbox (admins)
nav-outbox = Caixa de saída
meta-admin-outbox = Alertas por email na fila, enviados e com falha, e um teste das configurações de email.
outbox-intro = Todo alerta por email é gravado aqui primeiro e enviado pelo processo de email; uma mensagem que não pode ser enviada é tentada de novo mais tarde.
outbox-server-title = Servidor de email
outbox-server-on = O email é enviado por { $server }.
outbox-server-off = Nenhum servidor SMTP configurado (PD_SMTP_HOST): as mensagens aguardam aqui e são enviadas quando houver um.
outbox-test-address = Enviar um email de teste para
outbox-test-send = Enviar email de teste
outbox-test-queued = O email de teste está na fila: é enviado em segundos quando o servidor de email responder.
outbox-retried = A mensagem voltou para a fila.
outbox-not-failed = Só uma mensagem com falha pode ser tentada de novo.
outbox-bad-state = Esse estado é desconhecido: mostrando todas as mensagens.
outbox-filter-label = Mensagens por estado
outbox-all = Todas
outbox-queued = Na fila
outbox-sent = Enviadas
outbox-failed = Com falha
outbox-empty = Nenhuma mensagem aqui.
outbox-queued-at = Na fila desde
outbox-to = Para
outbox-subject = Assunto
outbox-state = Estado
outbox-tries = Tentativas
outbox-last-error = Último erro
outbox-actions = Ações
outbox-retry = Tentar de novo
outbox-kind-expiry = Alerta de expiração
outbox-kind-underused = Alerta de baixo uso
outbox-kind-newrequest = Nova solicitação de suporte
outbox-kind-settled = Solicitação decidida
outbox-kind-test = Email de teste
outbox-state-queued = Na fila
outbox-state-sent = Enviada
outbox-state-failed = Com falha
audit-action-alerts-changed = Alertas por email alterados
audit-action-test-email-queued = Email de teste na fila
audit-action-email-retried = Email de volta à fila

## Email alerts: the emails
email-expiry-subject = { $count ->
    [one] 1 reserva chega a um alerta de expiração
   *[other] { $count } reservas chegam a um alerta de expiração
}
email-expiry-heading = Reservas expirando em breve
email-expiry-intro = Estas reservas chegam a um dos dias antes da expiração sobre os quais você pediu para ser avisado. Renove-as ou deixe-as terminar.
email-expires-on = expira em { $date }
email-days-left = { $days ->
    [one] falta 1 dia
   *[other] faltam { $days } dias
}
email-open-expiring = Ver tudo o que está expirando
email-underused-subject = { $count ->
    [one] 1 reserva passou a ter baixo uso
   *[other] { $count } reservas passaram a ter baixo uso
}
email-underused-heading = Reservas que passaram a ter baixo uso
email-underused-intro = Estas reservas foram usadas menos de { $percent } em média nos últimos 7 dias. Uma troca por um tamanho menor ou um reembolso pode economizar dinheiro para o cliente.
email-used-over-week = { $percent } de uso em 7 dias
email-open-underused = Ver todas as reservas com baixo uso
email-new-request-subject = Nova solicitação de suporte { $number }: { $title }
email-new-request-heading = Uma solicitação de suporte aguarda você
email-new-request-intro = { $by } criou esta solicitação.
email-settled-subject-approved = Sua solicitação de suporte { $number } foi aprovada
email-settled-subject-rejected = Sua solicitação de suporte { $number } foi rejeitada
email-settled-heading = Sua solicitação de suporte: { $status }
email-settled-intro = { $by } a decidiu.
email-open-request = Abrir a solicitação
email-fact-number = Solicitação
email-fact-kind = Tipo
email-fact-summary = Resumo
email-fact-customer = Cliente
email-fact-reservation = Reserva
email-fact-status = Status
email-fact-reason = Motivo
email-test-subject = Email de teste do Partner Dashboard
email-test-heading = As configurações de email funcionam
email-test-intro = { $by } enviou este email pela página Caixa de saída. Se você consegue lê-lo, os alertas chegam a este endereço.
email-open-outbox = Abrir a caixa de saída
email-unnamed = (sem nome)
email-footer = Você recebe este email por causa das suas escolhas de alertas no Partner Dashboard.
email-change-alerts = Alterar seus alertas

## API tokens
account-tokens-title = Tokens de API
meta-account-tokens = Tokens pessoais para a API JSON: crie um, veja quando cada um foi usado pela última vez, revogue um.
account-tokens-intro = Um token permite que suas próprias ferramentas chamem a API JSON em /api/v1 com os seus direitos. Guarde-o em segredo: quem o tiver age como você.
token-made-title = Seu novo token
token-made-once = Copie-o agora: ele é mostrado só desta vez. Envie-o como Authorization: Bearer seguido do token.
token-new-title = Criar um token
token-name = Nome
token-expires = Expira após
token-expires-hint = Opcional. O token deixa de funcionar no fim desse dia (UTC).
token-create = Criar token
token-list-title = Tokens
token-none = Nenhum token ainda.
token-owner = Agente
token-created = Criado
token-expires-column = Expira
token-last-used = Último uso
token-state = Estado
token-never = Nunca
token-not-used = Ainda não
token-active = Ativo
token-revoked-on = Revogado
token-revoke = Revogar
token-revoked = O token foi revogado: chamadas com ele são recusadas a partir de agora.
token-name-required = Dê um nome ao token, para distingui-lo depois.
token-name-invalid = Use até 60 caracteres, sem caracteres de controle.
token-expiry-invalid = Informe uma data como AAAA-MM-DD, ou deixe vazio.
token-expiry-past = Escolha um dia depois de hoje.
nav-tokens = Tokens de API
meta-admin-tokens = Os tokens de API de todos os agentes, com o último uso de cada um; revogue qualquer um.
admin-tokens-intro = Os tokens pessoais de API de todos os agentes. Revogar um recusa as chamadas dele na hora.
audit-action-token-created = Token de API criado
audit-action-token-revoked = Token de API revogado
audit-action-api-called = Chamada à API
email-open-mine = Ver suas reservas
outbox-retry-all = { $count ->
    [one] Tentar de novo a mensagem com falha
   *[other] Tentar de novo as { $count } mensagens com falha
}
outbox-retried-all = Todas as mensagens com falha voltaram para a fila.
token-expired = Expirado
import-title = Importar reservas
meta-admin-import = Importe reservas de um arquivo CSV: uma prévia com os problemas de cada linha e, depois, todas as linhas de uma vez.
import-intro = Para um parceiro não conectado ao Azure: reservas da exportação CSV do portal do Azure, verificadas linha a linha antes de qualquer gravação e depois importadas todas de uma vez, ou nenhuma.
import-connected = Este painel está conectado ao Azure: as reservas vêm da sincronização, então nenhum arquivo é importado.
import-upload-heading = Enviar um arquivo
import-columns-help = As colunas da exportação de reservas do portal do Azure são lidas em qualquer ordem, e os nomes da API de Reservas também são reconhecidos. O arquivo precisa do ID da reserva, nome, tipo, SKU, região, quantidade, prazo, plano de cobrança, data da compra e data de expiração, e do ID do locatário do cliente (a menos que você o informe abaixo).
import-template-link = Baixar um modelo com todas as colunas
import-file-label = Arquivo CSV
import-file-hint = Texto UTF-8, separado por vírgula ou ponto e vírgula, até 64 MB e 100.000 linhas.
import-tenant-label = ID do locatário do cliente (opcional)
import-tenant-hint = Para um arquivo sem a coluna "Customer tenant ID": todas as linhas pertencem a este cliente.
import-uploading = Enviando
import-upload = Enviar e ver a prévia
import-latest = Últimos envios
import-latest-none = Nenhum arquivo foi enviado ainda.
import-col-file = Arquivo
import-col-when = Enviado em
import-col-by = Por
import-col-rows = Linhas
import-col-state = Situação
import-state-preview = Aguardando a importação
import-state-importing = Importando
import-state-imported = Importado
import-state-failed = Não importado
import-rows = { $count ->
    [one] uma linha
   *[other] { $shown } linhas
}
import-progress = { $done } de { $total } reservas gravadas
import-running-elsewhere = Sendo importado por outro servidor, ou interrompido: se nada mudar, pode ser iniciado de novo dez minutos depois de começar.
import-done = Importado. Reservas adicionadas: { $added }; atualizadas: { $changed }.
import-see-customers = Ver os clientes
import-another = Importar outro arquivo
import-failed-intro = Nada deste arquivo foi importado.
import-interrupted = A importação foi interrompida (o servidor dela parou); você pode iniciá-la de novo.
import-failed = Algo deu errado durante a gravação; nada foi alterado. Tente de novo e avise o administrador se acontecer outra vez.
import-problems = { $count ->
    [one] Um problema
   *[other] { $shown } problemas
}
import-problems-intro = Nada será importado até que todas as linhas estejam corretas. Corrija o arquivo e envie-o de novo.
import-problems-first = { $count ->
    [one] Um deles é mostrado.
   *[other] { $shown } deles são mostrados.
}
import-upload-again = Enviar um arquivo corrigido
import-col-line = Linha
import-col-column = Coluna
import-col-value = O que o arquivo diz
import-col-problem = Problema
import-summary = Pronto para importar
import-summary-text = { $new } reservas serão adicionadas, e { $updated } que já estão aqui serão atualizadas onde o arquivo for diferente; { $orders } pedidos serão adicionados.
import-col-customer = Cliente
import-col-tenant = ID do locatário
import-col-reservations = Reservas
import-new-customer = Novo
import-sample = { $count ->
    [one] A primeira linha
   *[other] As primeiras { $shown } linhas
}
import-col-name = Nome
import-col-sku = SKU
import-col-region = Região
import-col-quantity = Quantidade
import-col-term = Prazo
import-col-expiry = Expira em
import-col-action = Será
import-action-add = Adicionada
import-action-update = Já está aqui
import-go = { $count ->
    [one] Importar uma reserva
   *[other] Importar { $shown } reservas
}
import-cancel = Cancelar
import-file-too-big = O arquivo tem mais de { $megabytes } MB. Divida-o em arquivos menores.
import-file-missing = Escolha um arquivo CSV para enviar.
import-file-not-text = O arquivo não é texto UTF-8. Salve-o na planilha como "CSV UTF-8" e escolha-o de novo.
import-file-empty = O arquivo não tem reservas abaixo da linha de títulos.
import-file-too-many = O arquivo tem mais de { $rows } linhas. Divida-o em arquivos menores.
import-file-unreadable = O CSV não pode ser lido a partir da linha { $line } (uma aspa não foi fechada?).
import-file-missing-columns = Faltam estas colunas no arquivo: { $columns }. Escolha o arquivo de novo depois de adicioná-las.
import-file-column-twice = Duas colunas significam a mesma coisa: "{ $column }". Remova uma e escolha o arquivo de novo.
import-tenant-invalid = Informe o ID do locatário como um GUID, por exemplo 3f1c2a7e-9b4d-4c6e-8a2f-1d5e7b9c0a11, ou deixe em branco.
import-connected-refused = Este painel está conectado ao Azure: as reservas vêm da sincronização.
import-has-problems = O arquivo tem problemas, então nada foi importado. Corrija-o e envie-o de novo.
import-done-already = Este arquivo já foi importado, ou está sendo importado.
import-running = Outro arquivo está sendo importado. Tente de novo quando ele terminar.
import-problem-missing = Obrigatório, e está vazio.
import-problem-not-id = Não é um GUID nem um ID de recurso do Azure deste tipo.
import-problem-not-type = Não é um tipo de recurso reservado, como VirtualMachines ou SqlDatabases.
import-problem-not-term = Não é um prazo: P1Y, P3Y ou P5Y.
import-problem-not-plan = Não é um plano de cobrança: Upfront ou Monthly.
import-problem-not-date = Não é uma data: use AAAA-MM-DD.
import-problem-not-quantity = Não é um número inteiro de 1 a 10.000.
import-problem-not-scope-type = Não é um tipo de escopo: Single, Shared ou ManagementGroup.
import-problem-not-scope = Não é um escopo aplicado: /subscriptions/…, /subscriptions/…/resourceGroups/… ou o ID de um grupo de gerenciamento.
import-problem-not-name = Não é um nome de grupo: apenas letras, dígitos, - _ . ( ), até 90.
import-problem-scope-subscription = Um escopo único precisa da sua assinatura.
import-problem-scope-group = Um escopo de grupo de gerenciamento precisa do nome do grupo.
import-problem-billing = Nenhuma assinatura para cobrar: adicione a assinatura de cobrança.
import-problem-not-yes-no = Não é sim ou não.
import-problem-not-flexibility = Não é On ou Off.
import-problem-not-status = Não é uma situação: Succeeded, Expired, Cancelled ou Exchanged.
import-problem-not-price = Não é um valor: dígitos, vírgulas entre milhares e ponto para decimais (num arquivo com ponto e vírgula, pontos entre milhares e vírgula para decimais).
import-problem-not-currency = Não é um código de moeda de três letras, como USD.
import-problem-not-region = Não é uma região, como westeurope.
import-problem-not-text = Longo demais, ou contém caracteres não permitidos.
import-problem-expiry = A data de expiração não é posterior ao início do benefício.
import-problem-duplicate = A mesma reserva também está na linha { $line }.
import-problem-order = O pedido dela está na linha { $line } com outro prazo, plano de cobrança, cliente ou datas.
import-problem-not-chosen = Não é o locatário do cliente informado no formulário.
import-problem-unknown-tenant = Nenhum cliente tem este locatário: adicione uma coluna "Customer" com o nome da empresa para adicioná-lo.
import-problem-other-customer = Já pertence a outro cliente.
audit-action-reservations-imported = Reservas importadas de um arquivo
audit-action-import-changed = Alterada por um arquivo importado
data-source-import = Importar reservas de um arquivo CSV
import-checking = Verificando as linhas mais uma vez antes de gravar…
activity-sync-changed = Alterada no Azure (encontrada pela sincronização)
activity-import-changed = Alterada por um arquivo importado
activity-azure-refused = Alteração recusada pelo Azure
activity-azure-pending = Alteração ainda em andamento no Azure
import-their-reservations = As reservas deles
import-problem-path-order = O ID de recurso da reserva indica outro pedido que não o da coluna de pedido.
import-problem-other-order = Esta reserva está registrada em outro pedido.
import-problem-ambiguous-date = Esta data pode ser lida como dia/mês e como mês/dia: use AAAA-MM-DD.
import-problem-scope-disagrees = O tipo de escopo não corresponde ao escopo aplicado.
import-problem-several-scopes = Vários escopos aplicados: informe um por reserva.
import-tenant-unknown = Nenhum cliente tem este ID de locatário. Informe o locatário de um dos seus clientes, ou deixe em branco e informe o locatário no arquivo.
import-file-again = O navegador não guarda o arquivo escolhido: escolha-o de novo.
import-busy = Outros arquivos estão sendo lidos neste servidor agora. Tente de novo em instantes.
import-more-customers = { $count ->
    [one] e mais um cliente
   *[other] e mais { $shown } clientes
}
import-state-expired = Expirado
import-expired = Este envio não foi importado em um dia, então o arquivo foi descartado.
