## Partner Dashboard — English (United States)

product-name = Partner Dashboard
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
password-mismatch = The two new passwords differ.

## Reservation blades: Configuration, Access control, Activity log
blade-access = Access control (IAM)
blade-configuration = Configuration
blade-activity = Activity log
nav-my-reservations = My reservations
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
nav-requests = Support requests
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
