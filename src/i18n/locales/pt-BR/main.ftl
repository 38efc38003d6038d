## Partner Dashboard — Português (Brasil)

product-name = Partner Dashboard
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
password-mismatch = As duas novas senhas são diferentes.

## Seções da reserva: Configuração, Controle de acesso, Log de atividades
blade-access = Controle de acesso (IAM)
blade-configuration = Configuração
blade-activity = Log de atividades
nav-my-reservations = Minhas reservas
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
nav-requests = Solicitações de suporte
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
field-issue-type = Tipo de problema
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
