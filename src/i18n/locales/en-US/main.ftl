## Partner Dashboard — English (United States)

product-name = Partner Dashboard
meta-description = Partner Dashboard: your customers' Azure reservations, their utilization, access, refunds and exchanges, in one place.
skip-to-content = Skip to content
yes = Yes
no = No
copy = Copy
copied = Copied to the clipboard

## Navigation
nav-label = Main menu
nav-customers = Customers
nav-lookup = Look up
breadcrumbs-label = Breadcrumbs
sign-out = Sign out

## Roles
role-admin = Admin agent
role-sales = Sales agent
role-helpdesk = Helpdesk agent
role-support = Support agent
role-customer = Customer user

## Sign-in
sign-in-title = Sign in
sign-in-intro = Sign in with your partner account to manage your customers' Azure reservations.
sign-in-button = Sign in
field-email = Email
field-password = Password
sign-in-failed = The email or password is not correct.
sign-in-missing = Enter your email and your password.
sign-in-expired = The sign-in form expired. Please sign in again.

## Look-up
lookup-title = Look up a reservation
lookup-label = Reservation ID, order ID or resource path
lookup-placeholder = Reservation ID or order ID
lookup-button = Look up
lookup-intro = Paste the reservation ID or reservation order ID a customer gave you, with or without braces, or the full resource path.
lookup-examples = Examples: 6f1c2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4b · {"{"}6F1C2A9E-3B4D-4E5F-8A7B-9C0D1E2F3A4B{"}"} · /providers/Microsoft.Capacity/reservationOrders/…/reservations/…
lookup-empty = Enter a reservation ID or a reservation order ID.
lookup-malformed = This is not a reservation ID, an order ID or a reservation resource path. Check for missing or extra characters.
lookup-not-found = No reservation or reservation order has this ID.
lookup-order-mismatch = This reservation does not belong to that reservation order. Check both IDs.

## Lists
search-button = Search
filter-button = Apply
filter-status = Status
pager-label = Pages
pager-showing = Showing
pager-of = of
pager-previous = Previous
pager-next = Next
pager-page = Page { $page }
notice-bad-page = That page number is not valid; showing the first page.
notice-bad-sort = That sort order is not known; showing the default order.
notice-bad-status = That status is not known; showing every status.
notice-search-cut = The search text was too long and was shortened to 200 characters.

## Customers
customers-title = Customers
customers-search-label = Search customers
customers-search-placeholder = Company, domain or tenant ID
customers-empty-title = No customers found
customers-empty-none = There are no customers yet. Customers appear here once they are added or imported.
customers-empty-search = No customer matches “{ $search }”. Check the spelling, or search by domain or tenant ID.
col-company = Company
col-domain = Domain
col-tenant-id = Tenant ID
col-country = Country
col-active-reservations = Active reservations
col-expiring-30 = Expiring in 30 days
customer-tabs-label = Customer sections
tab-overview = Overview
tab-reservations = Azure reservations
customer-details = Details
field-company = Company
field-domain = Domain
field-tenant-id = Tenant ID
field-country = Country
field-customer-since = Customer since
customer-see-reservations = See Azure reservations
customer-subscriptions = Subscriptions
customer-no-subscriptions = This customer has no subscriptions.
customer-management-groups = Management groups
customer-no-management-groups = This customer has no management groups.
col-subscription = Subscription
col-subscription-id = Subscription ID
col-resource-groups = Resource groups

## Reservations list
reservations-empty-title = No reservations found
reservations-empty-none = This customer has no Azure reservations yet.
reservations-empty-filter = No reservation has this status. Choose another status, or all statuses.
col-name = Name
col-type-sku = Type and SKU
col-region = Region
col-quantity = Quantity
col-scope = Scope
col-term = Term
col-billing-plan = Billing plan
col-expiry = Expiry
col-utilization-30 = 30-day utilization
col-status = Status
col-actions = Actions
action-manage = Manage
status-all = All statuses
status-active = Active
status-expiring = Expiring
status-expired = Expired
status-cancelled = Cancelled
status-exchanged = Exchanged
status-pending = Pending
term-p1y = 1 year
term-p3y = 3 years
term-p5y = 5 years
plan-upfront = Upfront
plan-monthly = Monthly
scope-shared = Shared
scope-shared-target = all subscriptions of { $company }
scope-single = Single subscription
scope-resource-group = Single resource group
scope-management-group = Management group

## Reservation record
reservation-kind = Reservation
order-kind = Reservation order
order-holds = { $count ->
    [one] This order holds one reservation.
   *[other] This order holds { $count } reservations.
}
blades-label = Reservation sections
blade-overview = Overview
blade-properties = Properties
overview-essentials = Essentials
overview-utilization = Utilization
field-status = Status
field-expiry = Expiry date
field-scope = Scope
field-term = Term
field-billing-plan = Billing plan
field-quantity = Quantity
field-resource-type = Reserved resource type
field-sku = SKU
field-region = Region
field-effective = Effective date
field-flexibility = Instance size flexibility
field-renew = Auto-renew
flexibility-on = On
flexibility-off = Off
flexibility-not-applicable = Not applicable to this type
days-left = { $days ->
    [one] 1 day left
   *[other] { $days } days left
}
utilization-1 = 1-day utilization
utilization-7 = 7-day utilization
utilization-30 = 30-day utilization
utilization-trend = Trend
utilization-no-data = No utilization was reported in the last 30 days.
trend-up = Rising
trend-down = Falling
trend-same = Steady
chart-title = Daily utilization, last 30 days
chart-description = Bars show the share of the reserved capacity used each day.
chart-table-toggle = Show the daily figures as a table
col-day = Day
col-utilization = Utilization
properties-identifiers = Identifiers
properties-identifiers-hint = Support asks for the reservation ID and the reservation order ID: copy them from here.
properties-details = Details
field-reservation-id = Reservation ID
field-order-id = Reservation order ID
field-resource-id = Resource ID
field-name = Name
field-order-name = Reservation order name
field-order-resource-id = Order resource ID
field-purchase-date = Purchase date
field-billing-subscription = Billing subscription
field-next-payment = Next payment due
field-purchase-price = Purchase price
field-scope-type = Applied scope type
field-provisioning-state = Provisioning state
field-last-updated = Last updated

## Errors
error-title-not-found = Page not found
error-title-forbidden = Not allowed
error-title-bad-request = Request not understood
error-title-internal = Something went wrong
error-not-found = The page or item you asked for does not exist, or you may not see it.
error-forbidden = Your role does not allow this. Ask an admin agent if you need it.
error-bad-csrf = This form expired or came from elsewhere. Reload the page and try again.
error-bad-request = The request could not be understood. Go back and check what you entered.
error-method = This address does not accept that kind of request.
error-too-large = What you sent is too large.
error-internal = Something went wrong on our side. It has been logged; please try again in a moment.
error-sign-in-required = Please sign in.
error-back-home = Back to the start page

## Dates
month-short-1 = Jan
month-short-2 = Feb
month-short-3 = Mar
month-short-4 = Apr
month-short-5 = May
month-short-6 = Jun
month-short-7 = Jul
month-short-8 = Aug
month-short-9 = Sep
month-short-10 = Oct
month-short-11 = Nov
month-short-12 = Dec

## Sign-in throttling
sign-in-throttled = { $seconds ->
    [one] Too many sign-in attempts. Try again in 1 second.
   *[other] Too many sign-in attempts. Try again in { $seconds } seconds.
}

## Administration
nav-admin = Administration
nav-agents = Agents
nav-audit = Audit log
agents-list = Who can sign in
col-agent = Agent
col-role = Role
agent-you = you
agent-role-of = Role of { $email }
agent-change-role = Change role
agent-disable = Disable
agent-enable = Enable
agent-reset-password = Reset password
agent-enabled-status = Enabled
agent-disabled-status = Disabled
agent-new = Add an agent
agent-new-hint = The new agent gets a generated password, shown once, to change after signing in.
agent-create = Add agent
agent-choose-role = Choose a role
agent-created = The agent was added.
agent-created-with-password = { $email } can now sign in.
agent-role-changed = The role was changed.
agent-disabled = The agent was disabled and signed out everywhere.
agent-enabled = The agent was enabled.
agent-password-reset = { $email } has a new password and was signed out everywhere.
agent-password-once-title = Password shown once
agent-password-once = Hand this password to { $email } now: it is not shown again and is not stored in readable form.
agent-last-admin = { $email } is the last enabled admin agent: make another agent an admin first.
role-unknown = Choose one of the listed roles.
email-empty = Enter an email address.
email-too-long = An email address has at most 254 characters.
email-malformed = This is not an email address (name@company.com).
email-taken = An agent with this email already exists.
name-empty = Enter a name.
name-too-long = A name has at most 100 characters.
name-malformed = A name cannot contain control characters.
audit-intro = Every sign-in and every change, newest first. Entries cannot be changed or removed.
audit-action = Action
audit-all-actions = All actions
audit-empty = Nothing has been recorded yet.
audit-when = When
audit-who = Who
audit-object = Object
audit-change = Before → after
audit-address = Address
audit-action-sign-in = Signed in
audit-action-sign-in-failed = Sign-in failed
audit-action-sign-out = Signed out
audit-action-password-changed = Password changed
audit-action-password-reset = Password reset by an admin
audit-action-agent-created = Agent added
audit-action-role-changed = Agent's role changed
audit-action-agent-disabled = Agent disabled
audit-action-agent-enabled = Agent enabled
audit-action-setting-changed = Setting changed
audit-action-role-assigned = Role assigned on a reservation
audit-action-role-removed = Role removed from a reservation
audit-action-reservation-renamed = Reservation renamed
audit-action-scope-changed = Scope changed
audit-action-flexibility-changed = Instance size flexibility changed
audit-action-renew-changed = Auto-renew changed
audit-action-request-created = Support request created
audit-action-refund-approved = Refund approved
audit-action-exchange-approved = Exchange approved
audit-action-request-rejected = Support request rejected
audit-action-sync-changed = Changed in Azure (found by sync)
audit-action-sync-requested = Sync with Azure requested
audit-action-azure-refused = Change refused by Azure
audit-action-azure-pending = Change still running in Azure
notice-bad-action = That action is not known; showing every action.

## Account
account-password-title = Change your password
account-password-hint = At least 12 characters. Your other sessions end when you change it.
account-current-password = Current password
account-new-password = New password
account-confirm-password = New password again
account-password-save = Change password
account-password-changed = Your password was changed. Your other sessions were ended.
password-current-wrong = This is not your current password.
password-too-short = Use at least 12 characters.
password-too-long = Use at most 256 characters.
password-same-as-email = Do not use your email address as password.
password-contains-name = Do not build your password on your name or email address.
password-guessable = This password is easy to guess: it is common, or made of a word, a keyboard pattern, a date or a repetition. Use a longer phrase of unrelated words.
password-same-as-current = The new password must differ from the current one.
password-mismatch = The two new passwords differ.

## Reservation blades: Configuration, Access control, Activity log
blade-access = Access control (IAM)
blade-configuration = Configuration
blade-activity = Activity log
nav-my-reservations = My reservations
nav-my-requests = My support requests
my-requests-intro = Refunds, exchanges and questions about the reservations on which you hold a role, newest first.
my-requests-empty = There are no support requests about your reservations yet. Start one from a reservation's New support request blade.
mine-intro = The Azure reservations on which you hold a role.
mine-empty-title = No reservations yet
mine-empty = You hold no role on any reservation. Ask your partner or an Owner of a reservation to give you one.
config-intro = Change where the reservation applies, its name, instance size flexibility and renewal.
config-read-only = Your role lets you read this configuration but not change it.
config-name-hint = 1 to 64 characters: letters, digits, spaces, and - _ .
config-subscription = Subscription
config-subscription-hint = For a single subscription or a single resource group.
config-resource-group = Resource group
config-management-group = Management group
config-choose = Choose…
config-save = Save
config-saved = Saved. What changed:
config-nothing-changed = Nothing to change: the reservation already has these settings.
config-conflict = Someone saved a newer change to this reservation. Its settings now are:
config-conflict-hint = Your entries are kept below. Check them against these values and save again to replace them.
config-fixed = Term, price, reservation ID and order ID never change here.
scope-kind-unknown = Choose one of the four scopes.
scope-subscription-unknown = Choose one of this customer's subscriptions.
scope-resource-group-unknown = Choose a resource group of the chosen subscription.
scope-management-group-unknown = Choose one of this customer's management groups.
flexibility-choose = Choose On or Off.
flexibility-not-applicable-error = Instance size flexibility does not apply to this type of reservation.
reservation-name-empty = Enter a name.
reservation-name-too-long = A name has at most 64 characters.
reservation-name-characters = Use only letters, digits, spaces, and - _ .
reservation-role-owner = Owner
reservation-role-administrator = Reservations Administrator
reservation-role-contributor = Reservations Contributor
reservation-role-reader = Reservations Reader
reservation-role-unknown = Choose one of the four roles.
access-assignments = Role assignments
access-none = Nobody holds a role on this reservation.
access-principal = Person
access-assigned-by = Assigned by
access-assigned-at = Assigned
access-remove = Remove
access-removed = The role was removed.
access-add = Add a role assignment
access-add-hint = Owners and Reservations Administrators manage the reservation and its access; Contributors manage it; Readers read. Someone without a sign-in gets one.
access-add-button = Add
access-added = { $email } is now { $role }.
access-duplicate = This person already holds this role.
access-other-customer = This person signs in for another customer.
access-outside-organisation = You can give roles only to people of your own organisation (an address at your company's domain, or someone who already signs in for it).
access-last-owner = A reservation keeps at least one Owner: add another Owner before removing this one.
access-password-once = { $email } can now sign in to see this reservation. Hand over this password now: it is not shown again.
activity-empty = No changes have been made to this reservation yet.
activity-reservation-renamed = Renamed
activity-scope-changed = Scope changed
activity-flexibility-changed = Instance size flexibility changed
activity-renew-changed = Auto-renew changed
activity-role-assigned = Role assigned
activity-role-removed = Role removed

## Support requests
nav-requests = All support requests
blade-support = New support request
tab-requests = Support requests
support-intro = Ask for a refund, an exchange or help with this reservation. Its reservation ID and order ID are attached for you.
support-new = New support request
action-refund = Refund
action-exchange = Exchange
support-no-right = Your role does not start support requests.
support-requests-of-reservation = Requests about this reservation
support-none = No support requests yet.
customer-requests-empty = This customer has no support requests.
col-request-number = Number
col-request-title = Summary
col-request-kind = Kind
col-created = Created
request-kind-refund = Refund
request-kind-exchange = Exchange
request-kind-other = Support request
request-status-open = Open
request-status-approved = Approved
request-status-rejected = Rejected
request-status-completed = Completed
queue-intro = Find a request by its number, or by the reservation ID or order ID the customer gave you.
queue-search = Number or ID
queue-search-placeholder = Request number, reservation ID or order ID
queue-empty-title = No requests found
queue-empty = Nothing matches. Try another status, or all statuses.
notice-bad-request-search = That is not a request number, a reservation ID or an order ID; showing every request.
wizard-steps = Steps
step-basics = Basics
step-problem = Problem
step-contact = Contact information
step-review = Review + create
wizard-attached = Attached:
wizard-next = Next
wizard-back = Back
wizard-create = Create
wizard-review-errors = Some steps need attention: go back to the step named in red.
request-summary-refund = Refund of reservation { $name }
request-summary-exchange = Exchange of reservation { $name }
field-issue-type = Issue type
field-summary = Summary
field-problem-type = Problem type
field-category = Problem subtype
field-problem-start = Problem start
field-severity = Severity
field-description = Description
field-first-name = First name
field-last-name = Last name
field-additional-emails = Additional emails (comma-separated)
field-phone = Phone
field-contact-method = Preferred contact method
contact-method-email = Email
contact-method-phone = Phone
field-time-zone = Time zone
field-language = Support language
language-en-us = English
language-pt-br = Portuguese (Brazil)
field-contact = Contact
field-required = This field is required.
field-too-long = This is too long.
field-choose = Choose one of the options.
problem-start-future = The problem cannot start in the future.
problem-start-invalid = Enter a date (year-month-day).
additional-emails-invalid = Enter up to five email addresses, separated by commas.
phone-invalid = Enter a phone number with 6 to 20 digits.
phone-required = Enter a phone number to be called back.
exchange-wanted = New reservation wanted
exchange-wanted-hint = Same type of resource; SKU, region, term and quantity may change. The new term starts on the day of the exchange.
exchange-update-quote = Update quote
exchange-choose = Choose the new SKU, region, term and quantity.
quote-refused = This request cannot go ahead: see the reason in the quote.
quote-refund-title = Refund quote
quote-exchange-title = Exchange quote
quote-term-days = Days in the term
quote-remaining-days = Days remaining
quote-basis = Basis (lower of purchase and current price)
quote-future-cancelled = Future payments cancelled
quote-prorated = Prorated value
quote-basis-monthly = Purchase price, paid monthly
quote-unused-month = Unused part of the current month
quote-fee = Early termination fee
quote-fee-grace = Early termination fee (grace period)
quote-refund = Refund
quote-refund-full = Refund (unused in the grace period: everything)
quote-cancelled = Counts against the limit
quote-allowance = Refund allowance left
quote-allowance-after = Allowance left after this refund
quote-value-returned = Value returned
quote-new-commitment = New commitment
quote-difference = The partner pays
quote-new-term = New term
quote-qualifies = Qualifies
refusal-not-refundable = This type of reservation cannot be refunded.
refusal-not-in-force = Only a reservation in force can be refunded or exchanged.
refusal-over-limit = This refund would take the customer past its refund limit for the last 365 days.
refusal-other-type = An exchange keeps the same type of resource.
refusal-too-small = The new reservation must be worth at least the value returned.
refusal-past-cutoff = Reservations of this type bought after the exchange cut-off cannot be exchanged.
request-details = Details
request-history = History
request-event-created = Created
request-event-approved = Approved
request-event-rejected = Rejected
settle-title = Settle
settle-hint = Approving books the refund or the exchange now; the limit and the quote are checked again.
settle-approve = Approve
settle-reason = Reason
settle-reject = Reject
settle-not-open = This request has been settled already.
settle-other-kind = Only refunds and exchanges are approved here.
reject-reason-required = Give the reason for the rejection.
reject-reason-too-long = A reason has at most 1,000 characters.
allowance-title = Refund allowance
allowance-of = left of { $limit } in any 365 days
allowance-no-refunds = No refunds in the last 365 days.
ledger-booked = Booked
ledger-returns = Back in the allowance
activity-request-created = Support request created
activity-refund-approved = Refund approved
activity-exchange-approved = Exchange approved
activity-request-rejected = Support request rejected

## Settings
nav-settings = Settings
settings-intro = The refund and exchange policy of your partner agreement.
settings-saved = The settings were saved.
settings-fee = Early termination fee (%)
settings-grace = Grace period (days)
settings-limit = Refund limit per customer per 365 days (USD)
settings-cutoff = Exchange cut-off for savings-plan types
settings-fee-invalid = Enter a percentage from 0 to 100.
settings-grace-invalid = Enter a number of days from 0 to 90.
settings-limit-invalid = Enter an amount in dollars and cents, 0 or more.
settings-cutoff-invalid = Enter a date (year-month-day).

## Home
nav-home = Home
home-title = What needs attention
home-intro = Reservations about to end, capacity going unused, requests waiting, and customers close to their refund limit.
tile-expiring = Expiring within { $days } days
tile-renewing = { $count ->
    [one] 1 renews by itself
   *[other] { $count } renew by themselves
}
tile-underused = Used less than { $percent }% (7 days)
tile-underused-note = Reservations in force whose capacity sits idle.
tile-open-requests = Open support requests
tile-open-requests-note = Waiting for a support agent.
home-near-limit = Customers close to their refund limit
home-near-limit-none = No customer has used 80% of the refund limit.
home-allowance-left = { $amount } left
list-expiring-title = Expiring within { $days } days
list-underused-title = Under-used reservations
list-empty-title = Nothing here
list-empty = No reservation is in this list today.
export-csv = Export CSV
notice-bad-days = Choose 30, 60 or 90 days; showing 30.
settings-underused = Under-used below this 7-day utilization (%)
settings-underused-invalid = Enter a percentage from 1 to 100.

## Language
language-label = Language
language-switch = Change
content-updated = Content updated.
error-busy = The dashboard is very busy right now. Your request was not carried out; please try again in a moment.
error-title-busy = Busy, try again

## Confirmations
confirm-cancel = Cancel
confirm-approve-title = Approve request { $number }?
confirm-approve-refund = Refund { $amount } and cancel { $name }.
confirm-approve-exchange = Close { $name } as exchanged and create its replacement: { $wanted }.
confirm-reject-title = Reject request { $number }?
confirm-reject = The request is closed as rejected with your reason; { $name } stays as it is.
confirm-disable-title = Disable { $email }?
confirm-disable = { $email } is signed out at once and cannot sign in until enabled again.
confirm-reset-title = Reset the password of { $email }?
confirm-reset = { $email } gets a new password, shown to you once, and is signed out everywhere.
confirm-remove-title = Remove this role?
confirm-remove = { $email } loses the role { $role } on { $name }.
confirm-discard-title = Discard this draft?
confirm-discard = The { $kind } request for { $name } is not created, and what you entered is deleted.
confirm-discard-button = Discard draft
settle-approved-notice = Request { $number } approved.
settle-rejected-notice = Request { $number } rejected.
request-created-notice = Request { $number } created. Support will settle it; you can follow it here.
wizard-cancel = Cancel and discard this draft
request-already-open-notice = Request { $number } is already open for this reservation. It is shown here instead of starting another; a reservation has one refund or exchange at a time.
request-event-closed = Closed: the reservation left force through request
request-event-expired = Closed: the reservation expired
request-event-ended = Closed: the reservation is no longer in force
request-note-refund = Refund { $refund } (fee { $fee }; { $counts } counts against the limit)
request-note-exchange = New reservation { $reservation } (value returned { $returned }; new commitment { $commitment })
support-not-in-force = This reservation is no longer in force, so it cannot be refunded or exchanged. You can still ask a question about it.

## Values the user sees (every enum and fixed list), by their stored form
choice-virtualmachines = Virtual machines
choice-sqldatabases = SQL Database
choice-cosmosdb = Cosmos DB
choice-appservice = App Service
choice-manageddisk = Managed disks
choice-blockblob = Blob storage
choice-rediscache = Cache for Redis
choice-mysql = Database for MySQL
choice-postgresql = Database for PostgreSQL
choice-dedicatedhost = Dedicated hosts
choice-databricks = Databricks pre-purchase
choice-synapseanalytics = Synapse Analytics pre-purchase
choice-suselinux = SUSE Linux plan
choice-redhat = Red Hat plan
choice-p1y = 1 year
choice-p3y = 3 years
choice-p5y = 5 years
choice-upfront = Upfront
choice-monthly = Monthly
choice-single = Single subscription
choice-shared = Shared
choice-managementgroup = Management group
choice-succeeded = Active
choice-cancelled = Cancelled
choice-expired = Expired
choice-exchanged = Exchanged
choice-creating = Creating
choice-failed = Failed
choice-on = On
choice-off = Off
choice-admin = Admin agent
choice-sales = Sales agent
choice-helpdesk = Helpdesk agent
choice-support = Support agent
choice-customer = Customer user
choice-owner = Owner
choice-reservationsadministrator = Reservations Administrator
choice-reservationscontributor = Reservations Contributor
choice-reservationsreader = Reservations Reader
choice-refund = Refund
choice-exchange = Exchange
choice-other = Other
choice-open = Open
choice-approved = Approved
choice-rejected = Rejected
choice-completed = Completed
choice-billing = Billing
choice-technical = Technical
choice-subscription-management = Subscription management
choice-service-and-subscription-limits-quotas = Service and subscription limits (quotas)
choice-reservation-management = Reservation management
choice-reservation-utilization = Reservation utilization
choice-invoice-and-payments = Invoices and payments
choice-exchanges-and-refunds = Exchanges and refunds
choice-scope-and-configuration = Scope and configuration
choice-renewal = Renewal
choice-minimal = Minimal
choice-moderate = Moderate
choice-critical = Critical
choice-highest-critical-impact = Highest critical impact
choice-email = Email
choice-phone = Phone
choice-utc = UTC (Coordinated Universal Time)
choice-america-new-york = New York (US Eastern)
choice-america-chicago = Chicago (US Central)
choice-america-denver = Denver (US Mountain)
choice-america-los-angeles = Los Angeles (US Pacific)
choice-america-sao-paulo = São Paulo
choice-america-mexico-city = Mexico City
choice-america-toronto = Toronto
choice-europe-london = London
choice-europe-lisbon = Lisbon
choice-europe-madrid = Madrid
choice-europe-paris = Paris
choice-europe-berlin = Berlin
choice-europe-amsterdam = Amsterdam
choice-asia-tokyo = Tokyo
choice-asia-kolkata = Kolkata (India)
choice-australia-sydney = Sydney
choice-usa = United States
choice-bra = Brazil
choice-gbr = United Kingdom
choice-deu = Germany
choice-fra = France
choice-can = Canada
choice-aus = Australia
choice-jpn = Japan
choice-nld = Netherlands
choice-esp = Spain
choice-mex = Mexico
choice-prt = Portugal
choice-ind = India
choice-en-us = English (United States)
choice-pt-br = Portuguese (Brazil)
choice-single-subscription = Single subscription
choice-single-resource-group = Single resource group
choice-management-group = Management group

## Page descriptions (meta description)
meta-account-password = Change your password: what a new one needs and why a weak one is refused.
meta-admin-agents = The partner's agents: add them, change their roles, disable them or reset their passwords.
meta-admin-audit = Every sign-in and every change, with who did it, when and from where.
meta-admin-settings = Refund and exchange policy: fee, grace period, yearly limit, exchange cut-off and under-use threshold.
meta-auth-sign-in = Sign in to Partner Dashboard to manage your customers' Azure reservations.
meta-confirm = Confirm an action that cannot be undone.
meta-customers-list = Your customers: search by company, domain or tenant ID, with their active and expiring reservations.
meta-customers-overview = A customer's details, subscriptions, resource groups, management groups and refund allowance.
meta-customers-requests = A customer's support requests: refunds, exchanges and questions.
meta-customers-reservations = A customer's Azure reservations with type, scope, term, expiry, utilization and status.
meta-errors-error = Partner Dashboard could not show this page.
meta-home-home = What needs attention: expiring and under-used reservations, open requests and customers near their limit.
meta-home-list = Reservations that need attention, across every customer, exportable as CSV.
meta-lookup-lookup = Find a reservation, its order, customer and open requests from any reservation ID, order ID or request number.
meta-lookup-order = A reservation order and every reservation in it.
meta-mine-requests = The support requests about your reservations.
meta-mine-reservations = The Azure reservations on which you hold a role.
meta-requests-detail = A support request: what it asks, its quote, and its history.
meta-requests-queue = The support request queue: filter by status, search by request number, reservation ID or order ID.
meta-requests-wizard = A support request for a reservation, step by step, with its live quote.
meta-reservations-access = Who holds which role on this reservation.
meta-reservations-activity = Every change to this reservation, with the value before and after.
meta-reservations-configuration = This reservation's applied scope, name, instance size flexibility and auto-renew.
meta-reservations-overview = This reservation at a glance: status, expiry, scope, term and utilization.
meta-reservations-properties = This reservation's IDs and every property, each ready to copy.
meta-reservations-support = This reservation's support requests, and a new one.

# Data source and the sync with Azure
nav-data-source = Data source
meta-admin-data-source = Where the customers and reservations come from, and their sync with Azure.
data-source-intro = Where customers and reservations come from, and when each customer was last read from Azure.
data-source-connected = Connected to Azure
data-source-connected-detail = Partner tenant { $tenant } in the { $cloud } cloud.
data-source-every = { $minutes ->
    [one] A sync runs every minute.
   *[other] A sync runs every { $minutes } minutes.
}
data-source-on-demand = A sync runs only when an admin asks for one.
data-source-demo = Demo data: not connected to Azure
data-source-demo-detail = The dashboard manages its own data, and changes stay here. To bring in your Partner Center customers and their reservations, set the Azure settings the README describes and restart the server.
data-source-sync-now = Sync now
data-source-sync-started = Sync started. Its progress shows below.
data-source-running = Sync in progress
data-source-progress = { $done } of { $total } customers
data-source-progress-failed = { $failed ->
    [one] 1 failed
   *[other] { $failed } failed
}
data-source-customers = Customers
data-source-customers-none = No customer has been synced yet.
data-source-col-customer = Customer
data-source-col-when = Last sync
data-source-col-took = Took
data-source-col-added = Added
data-source-col-changed = Changed
data-source-col-missing = No longer in Azure
data-source-col-days = Utilization days
data-source-col-result = Result
data-source-col-started = Started
data-source-col-by = Started by
data-source-col-customers = Customers
data-source-col-failed = Failed
data-source-col-state = State
data-source-seconds = { $seconds ->
    [one] 1 s
   *[other] { $seconds } s
}
data-source-ok = Synced
data-source-failed = Failed
data-source-runs = Recent runs
data-source-runs-none = No sync has run yet.
sync-state-running = Running
sync-state-finished = Finished
sync-state-finished-failures = Finished, some customers failed
sync-state-failed = Failed
sync-state-interrupted = Interrupted (the server stopped)
sync-running = A sync is running already; its progress shows on this page.
sync-not-connected = The dashboard is not connected to Azure, so there is nothing to sync.
azure-refused = Azure refused the change.
synced-at = Synced from Azure { $when }
synced-never = Not synced from Azure
synced-missing = Azure no longer lists this reservation (since { $when }). It is kept here with its requests and history.
settle-in-progress = Another agent is settling this request right now; look again in a minute.
config-azure-refused = Azure refused the change, and nothing was changed here. Azure said:
config-azure-refused-hint = Your entries are kept below: correct them and save again.
config-azure-pending = Azure is still applying the change. Nothing has changed here yet; the result shows after the next sync.
config-azure-first = Changes are applied in Azure first, and saved here once Azure confirms them. This can take up to a minute.
config-applying = Saving…
config-applying-azure = Applying in Azure…
azure-said = Azure said:
azure-settlement-title = Settled in Azure
azure-refund = Refunded by Azure
azure-net-payable = Net payable (Azure)
azure-dashboard-refund = Dashboard's quote
azure-consumed = Customer's refunds this year (Azure)
azure-session = Azure session
azure-correlation = Correlation ID
azure-differs = Azure's refund ({ $azure }) differs from the dashboard's quote ({ $dashboard }). Azure's figure is what the customer gets.
data-source-starting = Reading the partner's customers from Partner Center…
settle-scope-unknown = The reservation's scope names a place this dashboard does not know; sync with Azure and try again.
azure-quote-title = Azure's quote today
azure-quote-refund = Azure would refund
azure-quote-refused = Azure would refuse this refund:
azure-quote-differs = Azure would refund { $azure }, not the dashboard's { $dashboard }. Azure's figure is what the customer gets.

## The CSV export of reservations
export-link = Export reservations (CSV)
export-link-hint = Every reservation of every customer, as a spreadsheet file.
export-customer = Customer
export-tenant = Tenant ID
export-reservation-id = Reservation ID
export-order-id = Reservation order ID
export-name = Reservation name
export-type = Reserved resource type
export-sku = SKU
export-region = Region
export-quantity = Quantity
export-term = Term
export-billing-plan = Billing plan
export-purchase-date = Purchase date
export-expiry-date = Expiration date
export-status = Status
export-renew = Auto-renew
export-yes = Yes
export-no = No

## Archive
action-archive = Archive
action-unarchive = Unarchive
status-archived = Archived
archive-done = The reservation was archived. Lists leave it out unless you ask for archived reservations.
unarchive-done = The reservation was taken out of the archive.
audit-action-reservation-archived = Reservation archived
audit-action-reservation-unarchived = Reservation unarchived
activity-reservation-archived = Archived
activity-reservation-unarchived = Taken out of the archive
filter-show-archived = Show archived

## Split and merge
status-split = Split
status-merged = Merged
action-split = Split
action-merge = Merge
archive-not-ended = Only a reservation that has ended (expired, cancelled, exchanged, split or merged) can be archived.
split-title = Split reservation
split-intro = Split this reservation into two reservations in the same order. Each keeps its type, SKU, region, term, scope and dates; the quantities you enter must add up to { $quantity }. Roles and utilization history are carried over to both.
split-first = Quantity of the first reservation
split-second = Quantity of the second reservation
split-names = The new reservations will be named { $first } and { $second }.
split-submit = Split
split-done = The reservation was split. It is closed now; the two new reservations are linked below.
split-not-in-force = Only a reservation in force can be split.
split-quantity-one = A reservation with a quantity of 1 cannot be split.
split-bad-quantities = Enter two whole quantities of at least 1 that add up to the reservation's quantity.
split-conflict = Someone changed this reservation (perhaps split it) since you opened this page. Nothing was split. Check it again and try once more.
merge-title = Merge reservations
merge-intro = Merge this reservation with others of the same order. They must have the same SKU, region, term, scope type and expiry date. The merged reservation keeps this one's name and scope, their whole quantity, and everyone's roles.
merge-candidates = Reservations that can be merged with this one
merge-none = No other reservation of this order can be merged with this one.
merge-others = Other reservations of this order
merge-submit = Merge
merge-done = The reservations were merged into this one.
merge-too-few = Choose at least one other reservation to merge with.
merge-not-in-force = Only reservations in force can be merged.
merge-different-order = Only reservations of the same order can be merged.
merge-different-sku = These reservations have different SKUs, so they cannot be merged.
merge-different-region = These reservations are in different regions, so they cannot be merged.
merge-different-term = These reservations have different terms, so they cannot be merged.
merge-different-scope = These reservations have different scope types, so they cannot be merged.
merge-different-expiry = These reservations expire on different days, so they cannot be merged.
merge-conflict = Someone changed one of these reservations since you opened this page. Nothing was merged. Check them again and try once more.
reshape-open-request = A reservation involved has an open support request. Settle or close the request first.
lineage-heading = Related reservations
link-split-from = Split from
link-split-into = Split into
link-merged-from = Merged from
link-merged-into = Merged into
link-renewed-from = Renewed from
link-renewed-as = Renewed as
audit-action-reservation-split = Reservation split
audit-action-split-part-made = Reservation made by a split
audit-action-reservation-merged = Reservation merged
audit-action-merge-result-made = Reservation made by a merge
activity-reservation-split = Split
activity-split-part-made = Made by splitting
activity-reservation-merged = Merged into another reservation
activity-merge-result-made = Made by merging
meta-split = Split a reservation in two reservations of the same order.
meta-merge = Merge reservations of the same order into one.

## Renewal
field-renewal-plan = Renewal
renewal-legend = When it renews
renewal-hint = At expiry a new reservation is bought with this term, billing plan and quantity (the same as now unless you change them), at the catalogue's price.
renewal-show-price = Show price
renewal-price-upfront = Renewal price: { $total } for { $term }, paid upfront.
renewal-price-monthly = Renewal price: { $total } over { $term }, { $monthly } a month.
renewal-price-unknown = Choose a term, a billing plan and a quantity from 1 to 1,000 to see the renewal's price.
renew-term-choose = Choose the renewal's term.
renew-term-unavailable = The catalogue does not sell this SKU in this region for that term. Choose another term.
renew-plan-choose = Choose Upfront or Monthly.
renew-quantity-invalid = Enter a whole quantity from 1 to 1,000.
renews-as = Renews as { $term }, { $plan }, quantity { $quantity }
audit-action-renewal-plan-changed = Renewal plan changed
audit-action-reservation-renewed = Reservation renewed
audit-action-renewal-made = Reservation bought as a renewal
activity-renewal-plan-changed = Renewal plan changed
activity-reservation-renewed = Renewed at expiry
activity-renewal-made = Bought as a renewal

## Recommendations
blade-advice = Recommendations
meta-advice = What the reservation's last 30 days of use suggest: exchange, refund or renew.
advice-none = No recommendation: over the last 30 days this reservation was used as expected.
advice-held = { $name } ({ $quantity } × { $sku })
advice-used = Over the last 30 days, { $held } was used { $average } on average.
advice-exchange-title = Exchange for fewer units
advice-exchange-needed = { $needed ->
    [one] One unit would have covered that use.
   *[other] { $needed } units would have covered that use.
}
advice-exchange-quote = Exchanging it for that many units of the same size returns { $returned } of its value; the new reservation costs { $cost }, so { $difference } is paid on top, for a new full term.
advice-exchange-button = Exchange
advice-smaller-title = Exchange for a smaller size
advice-smaller-needed = One unit of { $size }, a smaller size of the same type, would have covered that use.
advice-smaller-quote = Exchanging it for that size returns { $returned } of its value; the new reservation costs { $cost }, so { $difference } is paid on top, for a new full term.
advice-refund-title = Refund
advice-refund-why = An exchange for fewer units is not allowed by the exchange policy, so a refund is suggested.
advice-refund-quote = The refund would be { $refund }. The customer's refund allowance would go from { $left } to { $after }.
advice-refund-button = Refund
advice-renew-title = Renew
advice-renew-why = It is fully used and expires in { $days } days ({ $date }) without renewing. Turning auto-renew on keeps the discount without a gap.
advice-renew-button = Set auto-renew
advice-dismiss = Dismiss
advice-dismissed = The recommendation was dismissed. It stays dismissed.
advice-dismissed-by = Dismissed by { $who } on { $when }.
audit-action-recommendation-dismissed = Recommendation dismissed
activity-recommendation-dismissed = Recommendation dismissed
tile-recommended = Recommendations
tile-recommended-note = from the last 30 days of use: exchange, refund or renew
list-recommended-title = Reservations with a recommendation

## Revisions
revisions-heading = Revisions
revisions-hint = Every change makes a revision. Open one to see the reservation as it was then.
col-revision = Revision
col-when = When
col-by = By
col-changes = What changed
revision-title = Revision { $version }
revision-first = As it was first recorded.
revision-banner = This is the reservation as it was on { $when }. The current revision is { $latest }.
revision-current = See it as it is now.
revision-by = Changed by { $who }.
revision-by-unknown = Who made this change was not recorded.
meta-revision = A reservation as it was at one of its revisions.

## Buying reservations for a customer
tab-purchase = Buy reservations
purchase-start = Buy reservations
purchase-title = Buy reservations
meta-purchase = The price catalogue, filtered by type, region, term and billing plan, and the cart of reservations to buy for this customer.
purchase-catalogue = Catalogue
purchase-any = Any
purchase-no-offers = Nothing in the catalogue matches these filters. Choose "Any" for one of them to see more.
purchase-more = Showing the first { $shown } of { $matching } matching products. Narrow the filters to see the rest.
purchase-unit-price = Price per unit, whole term
purchase-per-month = { $amount } per month
purchase-add-heading = Add to cart
purchase-add = Add
purchase-added = Added to the cart.
purchase-removed = Taken out of the cart.
purchase-cart = Cart
purchase-cart-empty = The cart is empty. Add products from the catalogue to buy them for this customer.
purchase-review = Review price
purchase-plan-heading = Quantity, term and plan
purchase-line-price = Price
purchase-line-monthly = { $total } ({ $monthly } per month)
purchase-quantity = { $quantity ->
    [one] 1 unit
   *[other] { $quantity } units
}
purchase-remove = Remove
purchase-total = Total commitment
purchase-due-today = Due today
purchase-monthly = Then each month
purchase-review-title = Review and buy
meta-purchase-review = The price of the cart, the subscription billed and the Owner of what is bought, before buying.
purchase-price-refused = Azure would not price an item of this cart:
purchase-review-note = Prices are worked out again when you buy. Each item becomes its own reservation order.
purchase-confirm-heading = Billing and ownership
purchase-billing = Subscription billed
purchase-owner = Owner
purchase-owner-hint = Email of the person who will own the reservations, usually someone at { $domain }. Someone without a sign-in gets one; its password is shown once.
purchase-no-subscription = This customer has no subscription to bill, so nothing can be bought for it yet.
purchase-submit = Buy for { $total }
purchase-back = Back to the catalogue
purchase-made-title = Purchase
meta-purchase-made = What a purchase for this customer bought.
purchase-pending = This purchase is still being carried out. Reload this page in a moment to see what it bought.
purchase-failed = This purchase did not complete.
purchase-done = { $count ->
    [one] 1 reservation was bought.
   *[other] { $count } reservations were bought.
}
purchase-password-once = { $email } can now sign in to see the reservations bought. Hand over this password now: it is not shown again.
purchase-bought = What was bought
purchase-when = Bought on
purchase-again = Buy more for this customer
purchase-item-unknown = That product is no longer in the catalogue.
purchase-plan-invalid = Choose Upfront or Monthly.
purchase-quantity-invalid = Enter a whole number of units from 1 to 1,000.
purchase-scope-invalid = Choose shared or one of this customer's subscriptions.
purchase-cart-changed = The cart changed since this review (an item was added, removed, or is being bought from another tab). Check the price below and buy again.
purchase-token-invalid = This review has expired. Review the price again and buy from there.
purchase-billing-invalid = Choose one of this customer's subscriptions to bill.
purchase-owner-invalid = Enter the Owner's email address, like name@example.com.
audit-action-reservation-purchased = Reservation bought
activity-reservation-purchased = Bought for the customer

## Email alerts: the account page
account-tabs-label = Your account
account-alerts-title = Email alerts
meta-account-alerts = Choose which email alerts you get and the language they are written in.
account-alerts-intro = Choose what the dashboard emails you about. Each kind comes at most once a day, grouped by customer.
account-alerts-saved = Your alerts are saved.
account-alerts-mail-off = No mail server is set up yet: your alerts wait in the outbox until an administrator sets one.
alerts-expiry-legend = Reservations expiring
alerts-expiry-hint = An email on the day a reservation you can see reaches:
alerts-days-before = { $days ->
    [one] 1 day before expiry
   *[other] { $days } days before expiry
}
alerts-other-legend = Other alerts
alerts-underused = Reservations used under the threshold over the last 7 days
alerts-new-requests = New support requests
alerts-settled = My support requests approved or rejected
alerts-language = Language of the emails
alerts-language-unknown = Choose one of the languages in the list.
alerts-save = Save alerts

## Email alerts: the outbox (admins)
nav-outbox = Outbox
meta-admin-outbox = Email alerts queued, sent and failed, and a test of the mail settings.
outbox-intro = Every email alert is written here first and sent by the mail worker; a message that cannot be sent is tried again later.
outbox-server-title = Mail server
outbox-server-on = Email is sent through { $server }.
outbox-server-off = No SMTP server is set (PD_SMTP_HOST): messages wait here and are sent once one is set.
outbox-test-address = Send a test email to
outbox-test-send = Send test email
outbox-test-queued = The test email is queued: it is sent within seconds when the mail server answers.
outbox-retried = The message is queued again.
outbox-not-failed = Only a message that failed can be retried.
outbox-bad-state = That state is unknown: showing every message.
outbox-filter-label = Messages by state
outbox-all = All
outbox-queued = Queued
outbox-sent = Sent
outbox-failed = Failed
outbox-empty = No messages here.
outbox-queued-at = Queued
outbox-to = To
outbox-subject = Subject
outbox-state = State
outbox-tries = Tries
outbox-last-error = Last error
outbox-actions = Actions
outbox-retry = Retry
outbox-kind-expiry = Expiry alert
outbox-kind-underused = Under-use alert
outbox-kind-newrequest = New support request
outbox-kind-settled = Request settled
outbox-kind-test = Test email
outbox-state-queued = Queued
outbox-state-sent = Sent
outbox-state-failed = Failed
audit-action-alerts-changed = Email alerts changed
audit-action-test-email-queued = Test email queued
audit-action-email-retried = Email queued again

## Email alerts: the emails
email-expiry-subject = { $count ->
    [one] 1 reservation reaches an expiry alert
   *[other] { $count } reservations reach an expiry alert
}
email-expiry-heading = Reservations expiring soon
email-expiry-intro = These reservations reach one of the days before expiry you asked to be told about. Renew them, or let them end.
email-expires-on = expires { $date }
email-days-left = { $days ->
    [one] 1 day left
   *[other] { $days } days left
}
email-open-expiring = See everything expiring
email-underused-subject = { $count ->
    [one] 1 reservation is newly under-used
   *[other] { $count } reservations are newly under-used
}
email-underused-heading = Reservations newly under-used
email-underused-intro = These reservations were used less than { $percent } on average over the last 7 days. An exchange for a smaller size or a refund may save the customer money.
email-used-over-week = { $percent } used over 7 days
email-open-underused = See every under-used reservation
email-new-request-subject = New support request { $number }: { $title }
email-new-request-heading = A support request is waiting for you
email-new-request-intro = { $by } created this request.
email-settled-subject-approved = Your support request { $number } was approved
email-settled-subject-rejected = Your support request { $number } was rejected
email-settled-heading = Your support request: { $status }
email-settled-intro = { $by } settled it.
email-open-request = Open the request
email-fact-number = Request
email-fact-kind = Type
email-fact-summary = Summary
email-fact-customer = Customer
email-fact-reservation = Reservation
email-fact-status = Status
email-fact-reason = Reason
email-test-subject = Partner Dashboard test email
email-test-heading = The mail settings work
email-test-intro = { $by } sent this from the Outbox page. If you can read it, alerts reach this address.
email-open-outbox = Open the outbox
email-unnamed = (no name)
email-footer = You get this email because of your alert choices in Partner Dashboard.
email-change-alerts = Change your alerts

## API tokens
account-tokens-title = API tokens
meta-account-tokens = Personal tokens for the JSON API: make one, see when each was last used, revoke one.
account-tokens-intro = A token lets your own tools call the JSON API under /api/v1 with your rights. Keep it secret: anyone holding it acts as you.
token-made-title = Your new token
token-made-once = Copy it now: it is shown only this once. Send it as Authorization: Bearer followed by the token.
token-new-title = Make a token
token-name = Name
token-expires = Expires after
token-expires-hint = Optional. The token stops working at the end of that day (UTC).
token-create = Make token
token-list-title = Tokens
token-none = No tokens yet.
token-owner = Agent
token-created = Made
token-expires-column = Expires
token-last-used = Last used
token-state = State
token-never = Never
token-not-used = Not yet
token-active = Active
token-revoked-on = Revoked
token-revoke = Revoke
token-revoked = The token is revoked: calls with it are refused from now on.
token-name-required = Give the token a name, to tell it apart later.
token-name-invalid = Use up to 60 characters, without control characters.
token-expiry-invalid = Give a date as YYYY-MM-DD, or leave it empty.
token-expiry-past = Choose a day after today.
nav-tokens = API tokens
meta-admin-tokens = Every agent's API tokens, with when each was last used; revoke any.
admin-tokens-intro = Every agent's personal API tokens. Revoking one refuses its calls at once.
audit-action-token-created = API token made
audit-action-token-revoked = API token revoked
audit-action-api-called = API call
email-open-mine = See your reservations
outbox-retry-all = { $count ->
    [one] Retry the failed message
   *[other] Retry all { $count } failed messages
}
outbox-retried-all = Every failed message is queued again.
token-expired = Expired
import-title = Import reservations
meta-admin-import = Import reservations from a CSV file: a preview with each row's problems, then all rows at once.
import-intro = For a partner not connected to Azure: reservations from the Azure portal's CSV export, checked row by row before anything is written, then imported all at once or not at all.
import-connected = This dashboard is connected to Azure: reservations come from the sync, so no file is imported.
import-upload-heading = Upload a file
import-columns-help = The columns of the Azure portal's reservation export are read in any order, with the Reservations API's names also recognised. The file needs the reservation ID, name, type, SKU, region, quantity, term, billing plan, purchase date and expiration date, and the customer tenant ID (unless you enter it below).
import-template-link = Download a template with every column
import-file-label = CSV file
import-file-hint = UTF-8 text, comma or semicolon separated, up to 64 MB and 100,000 rows.
import-tenant-label = Customer tenant ID (optional)
import-tenant-hint = For a file without a "Customer tenant ID" column: every row belongs to this customer.
import-uploading = Uploading
import-upload = Upload and preview
import-latest = Latest uploads
import-latest-none = No file was uploaded yet.
import-col-file = File
import-col-when = Uploaded
import-col-by = By
import-col-rows = Rows
import-col-state = State
import-state-preview = Waiting for you to import
import-state-importing = Importing
import-state-imported = Imported
import-state-failed = Not imported
import-rows = { $count ->
    [one] one row
   *[other] { $shown } rows
}
import-progress = { $done } of { $total } reservations written
import-running-elsewhere = Being imported by another server, or interrupted: if nothing changes, it can be started again ten minutes after it began.
import-done = Imported. Reservations added: { $added }; updated: { $changed }.
import-see-customers = See the customers
import-another = Import another file
import-failed-intro = Nothing of this file was imported.
import-interrupted = The import was interrupted (its server stopped); you can start it again.
import-failed = Something went wrong while writing; nothing was changed. Try again, and tell your administrator if it happens again.
import-problems = { $count ->
    [one] One problem
   *[other] { $shown } problems
}
import-problems-intro = Nothing will be imported until every row is right. Correct the file and upload it again.
import-problems-first = { $count ->
    [one] One of them is shown.
   *[other] { $shown } of them are shown.
}
import-upload-again = Upload a corrected file
import-col-line = Line
import-col-column = Column
import-col-value = What the file says
import-col-problem = Problem
import-summary = Ready to import
import-summary-text = { $new } reservations will be added, and { $updated } already here will be updated where the file differs; { $orders } orders will be added.
import-col-customer = Customer
import-col-tenant = Tenant ID
import-col-reservations = Reservations
import-new-customer = New
import-sample = { $count ->
    [one] The first row
   *[other] The first { $shown } rows
}
import-col-name = Name
import-col-sku = SKU
import-col-region = Region
import-col-quantity = Quantity
import-col-term = Term
import-col-expiry = Expires
import-col-action = Will be
import-action-add = Added
import-action-update = Already here
import-go = { $count ->
    [one] Import one reservation
   *[other] Import { $shown } reservations
}
import-cancel = Cancel
import-file-too-big = The file is larger than { $megabytes } MB. Split it into smaller files.
import-file-missing = Choose a CSV file to upload.
import-file-not-text = The file is not UTF-8 text. Save it from your spreadsheet as "CSV UTF-8" and choose it again.
import-file-empty = The file has no reservations under its heading row.
import-file-too-many = The file has more than { $rows } rows. Split it into smaller files.
import-file-unreadable = The CSV cannot be read from line { $line } (a quote is not closed?).
import-file-missing-columns = The file lacks these columns: { $columns }. Choose the file again once they are added.
import-file-column-twice = Two columns mean the same thing: "{ $column }". Remove one and choose the file again.
import-tenant-invalid = Enter the tenant ID as a GUID, such as 3f1c2a7e-9b4d-4c6e-8a2f-1d5e7b9c0a11, or leave it empty.
import-connected-refused = This dashboard is connected to Azure: reservations come from the sync.
import-has-problems = The file has problems, so nothing was imported. Correct it and upload it again.
import-done-already = This file was imported already, or is being imported.
import-running = Another file is being imported. Try again when it has finished.
import-problem-missing = Needed, and empty.
import-problem-not-id = Not a GUID or an Azure resource ID of this kind.
import-problem-not-type = Not a reserved resource type, such as VirtualMachines or SqlDatabases.
import-problem-not-term = Not a term: P1Y, P3Y or P5Y.
import-problem-not-plan = Not a billing plan: Upfront or Monthly.
import-problem-not-date = Not a date: use YYYY-MM-DD.
import-problem-not-quantity = Not a whole number from 1 to 10,000.
import-problem-not-scope-type = Not a scope type: Single, Shared or ManagementGroup.
import-problem-not-scope = Not an applied scope: /subscriptions/…, /subscriptions/…/resourceGroups/… or a management group's ID.
import-problem-not-name = Not a group name: letters, digits, - _ . ( ) only, up to 90.
import-problem-scope-subscription = A single scope needs its subscription.
import-problem-scope-group = A management-group scope needs the group's name.
import-problem-billing = No subscription to bill: add the billing subscription.
import-problem-not-yes-no = Not yes or no.
import-problem-not-flexibility = Not On or Off.
import-problem-not-status = Not a state: Succeeded, Expired, Cancelled or Exchanged.
import-problem-not-price = Not an amount: digits, commas between thousands and a dot for decimals (in a file with semicolons, dots between thousands and a comma for decimals).
import-problem-not-currency = Not a three-letter currency code, such as USD.
import-problem-not-region = Not a region, such as westeurope.
import-problem-not-text = Too long, or holds characters that are not allowed.
import-problem-expiry = The expiration date is not after the benefit start.
import-problem-duplicate = The same reservation is also on line { $line }.
import-problem-order = Its order is on line { $line } with another term, billing plan, customer or dates.
import-problem-not-chosen = Not the customer tenant entered on the form.
import-problem-unknown-tenant = No customer has this tenant: add a "Customer" column with its company name to add it.
import-problem-other-customer = Already belongs to another customer.
audit-action-reservations-imported = Reservations imported from a file
audit-action-import-changed = Changed by an imported file
data-source-import = Import reservations from a CSV file
import-checking = Checking the rows once more before writing…
activity-sync-changed = Changed in Azure (found by sync)
activity-import-changed = Changed by an imported file
activity-azure-refused = Change refused by Azure
activity-azure-pending = Change still running in Azure
import-their-reservations = Their reservations
import-problem-path-order = The reservation's resource ID names another order than the order column.
import-problem-other-order = This reservation is stored under another order.
import-problem-ambiguous-date = This date reads both as day/month and month/day: use YYYY-MM-DD.
import-problem-scope-disagrees = The scope type does not match the applied scope.
import-problem-several-scopes = Several applied scopes: give one per reservation.
import-tenant-unknown = No customer has this tenant ID. Enter the tenant of one of your customers, or leave it empty and give the tenant in the file.
import-file-again = The browser does not keep a chosen file: choose it again.
import-busy = Other files are being read on this server right now. Try again in a moment.
import-more-customers = { $count ->
    [one] and one more customer
   *[other] and { $shown } more customers
}
import-state-expired = Expired
import-expired = This upload was not imported within a day, so its file was let go.
