//! What the audit log records: every action, by its stored name. Each has a
//! message (`audit-action-…`) in every language.

use super::reservation::api_enum;

api_enum!(
    /// An action the audit log records.
    Action {
        /// Someone signed in.
        SignIn => "sign-in",
        /// A sign-in failed (the email is what was typed).
        SignInFailed => "sign-in-failed",
        /// Someone signed out.
        SignOut => "sign-out",
        /// A user changed their own password.
        PasswordChanged => "password-changed",
        /// An admin reset an agent's password.
        PasswordReset => "password-reset",
        /// An agent was added.
        AgentCreated => "agent-created",
        /// An agent's role changed.
        RoleChanged => "role-changed",
        /// An agent was disabled.
        AgentDisabled => "agent-disabled",
        /// An agent was enabled again.
        AgentEnabled => "agent-enabled",
        /// A policy setting changed.
        SettingChanged => "setting-changed",
        /// A role on a reservation was given.
        RoleAssigned => "role-assigned",
        /// A role on a reservation was taken away.
        RoleRemoved => "role-removed",
        /// A reservation was renamed.
        ReservationRenamed => "reservation-renamed",
        /// A reservation's scope changed.
        ScopeChanged => "scope-changed",
        /// A reservation's instance size flexibility changed.
        FlexibilityChanged => "flexibility-changed",
        /// A reservation's auto-renewal changed.
        RenewChanged => "renew-changed",
        /// How a reservation renews (term, billing plan, quantity) changed.
        RenewalPlanChanged => "renewal-plan-changed",
        /// A reservation that had ended was archived.
        ReservationArchived => "reservation-archived",
        /// A reservation was taken out of the archive.
        ReservationUnarchived => "reservation-unarchived",
        /// A reservation was split in two.
        ReservationSplit => "reservation-split",
        /// A reservation was made by splitting another.
        SplitPartMade => "split-part-made",
        /// A reservation was merged with others into one.
        ReservationMerged => "reservation-merged",
        /// A reservation was made by merging others.
        MergeResultMade => "merge-result-made",
        /// A reservation set to renew was renewed at expiry.
        ReservationRenewed => "reservation-renewed",
        /// A reservation was bought as another's renewal.
        RenewalMade => "renewal-made",
        /// A reservation was bought for a customer.
        ReservationPurchased => "reservation-purchased",
        /// A recommendation on a reservation was dismissed.
        RecommendationDismissed => "recommendation-dismissed",
        /// A support request was created.
        RequestCreated => "request-created",
        /// A refund was approved.
        RefundApproved => "refund-approved",
        /// An exchange was approved.
        ExchangeApproved => "exchange-approved",
        /// A request was rejected.
        RequestRejected => "request-rejected",
        /// A sync found a reservation changed in Azure.
        SyncChanged => "sync-changed",
        /// An admin asked for a sync with Azure.
        SyncRequested => "sync-requested",
        /// Azure refused a change sent to it (nothing changed here).
        AzureRefused => "azure-refused",
        /// A change sent to Azure was still running past the wait.
        AzurePending => "azure-pending",
        /// A user changed which email alerts they get.
        AlertsChanged => "alerts-changed",
        /// An admin queued a test email.
        TestEmailQueued => "test-email-queued",
        /// An admin queued a given-up email again.
        EmailRetried => "email-retried",
        /// An agent made an API token.
        TokenCreated => "token-created",
        /// An API token was revoked.
        TokenRevoked => "token-revoked",
        /// A call to the API with a token.
        ApiCalled => "api-called",
        /// Reservations imported from a file.
        ReservationsImported => "reservations-imported",
        /// A reservation changed by an imported file.
        ImportChanged => "import-changed",
    }
);

impl Action {
    /// The message ID of the action's name.
    pub fn message_id(&self) -> String {
        format!("audit-action-{}", self.as_str())
    }
}
