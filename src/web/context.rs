//! What every page's layout needs: the reader's language, the signed-in
//! user, the anti-forgery token, the breadcrumbs and the active menu entry.

use chrono::{NaiveDate, NaiveDateTime};

use super::session::SignedIn;
use crate::domain::money::Money;
use crate::domain::utilization::Permille;
use crate::i18n::Lang;

/// Entries of the left menu.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Nav {
    /// The agents' home.
    Home,
    /// Customers and everything under them.
    Customers,
    /// The look-up.
    Lookup,
    /// Agents (admins).
    Agents,
    /// The audit log (admins).
    Audit,
    /// The signed-in user's own account.
    Account,
    /// A customer user's reservations.
    Mine,
    /// A customer user's support requests.
    MyRequests,
    /// Support requests.
    Requests,
    /// Settings (admins).
    Settings,
    /// The data source and its sync (admins).
    DataSource,
    /// The outbox of email alerts (admins).
    Outbox,
    /// Every API token (admins).
    Tokens,
    /// No entry highlighted.
    None,
}

impl Nav {
    /// The menu entry a reservation's pages sit under for `role`: a customer
    /// user's own reservations, or Customers for agents.
    pub fn reservations_of(role: crate::domain::roles::AgentRole) -> Nav {
        if role == crate::domain::roles::AgentRole::Customer {
            Nav::Mine
        } else {
            Nav::Customers
        }
    }
}

/// One step of the breadcrumb trail; the last has no link.
#[derive(Debug, Clone)]
pub struct Crumb {
    /// Text shown.
    pub label: String,
    /// Link, if any.
    pub href: Option<String>,
}

/// The signed-in user as the header shows them.
#[derive(Debug, Clone)]
pub struct UserView {
    /// Display name, shown in the header.
    pub name: String,
    /// Sign-in email, lower-case.
    pub email: String,
    /// Message ID of the role's name.
    pub role_key: String,
    /// Whether the admin menu shows.
    pub is_admin: bool,
    /// Whether this is a customer user (their own menu, no look-up).
    pub is_customer: bool,
    /// Whether the role starts refund and exchange requests on any reservation.
    pub can_request: bool,
    /// Whether the role buys reservations for customers.
    pub can_buy: bool,
}

/// Layout data shared by every page.
#[derive(Debug, Clone)]
pub struct PageCtx {
    /// Language and formatting.
    pub lang: Lang,
    /// Signed-in user, if any.
    pub user: Option<UserView>,
    /// Anti-forgery token of the session ("" when there is none).
    pub csrf: String,
    /// Breadcrumbs, first to last.
    pub crumbs: Vec<Crumb>,
    /// Active menu entry.
    pub nav: Nav,
    /// What the look-up box shows.
    pub lookup_value: String,
    /// The page's own path, to come back to after switching language.
    pub here_path: String,
}

impl PageCtx {
    /// Context for a signed-in user's page.
    pub fn new(signed_in: &SignedIn, nav: Nav) -> Self {
        PageCtx {
            lang: signed_in.lang.clone(),
            user: Some(UserView {
                name: signed_in.user.display_name.clone(),
                email: signed_in.user.email.clone(),
                role_key: format!("role-{}", signed_in.role().key()),
                is_admin: signed_in
                    .role()
                    .may(crate::domain::roles::Permission::Administer),
                is_customer: signed_in.role() == crate::domain::roles::AgentRole::Customer,
                can_request: signed_in
                    .role()
                    .may(crate::domain::roles::Permission::StartRequests),
                can_buy: signed_in
                    .role()
                    .may(crate::domain::roles::Permission::Purchase),
            }),
            csrf: signed_in.session.csrf_token.clone(),
            crumbs: Vec::new(),
            nav,
            lookup_value: String::new(),
            here_path: signed_in.path.clone(),
        }
    }

    /// Whether the signed-in user is a partner agent (API tokens are
    /// theirs only).
    pub fn is_agent(&self) -> bool {
        self.user.as_ref().is_some_and(|u| !u.is_customer)
    }

    /// Whether the signed-in user buys reservations for customers.
    pub fn can_buy(&self) -> bool {
        self.user.as_ref().is_some_and(|u| u.can_buy)
    }

    /// The languages to switch to: (tag, name, current).
    pub fn languages(&self) -> Vec<(String, String, bool)> {
        crate::i18n::Lang::tags()
            .into_iter()
            .map(|tag| {
                let name = self.lang.t(&format!("language-{}", tag.to_lowercase()));
                let current = tag == self.lang.tag();
                (tag, name, current)
            })
            .collect()
    }

    /// Context for a page shown without a signed-in user.
    pub fn anonymous(lang: Lang, csrf: String) -> Self {
        PageCtx {
            lang,
            user: None,
            csrf,
            crumbs: Vec::new(),
            nav: Nav::None,
            lookup_value: String::new(),
            here_path: String::new(),
        }
    }

    /// Adds a linked breadcrumb.
    pub fn crumb(mut self, label: impl Into<String>, href: impl Into<String>) -> Self {
        self.crumbs.push(Crumb {
            label: label.into(),
            href: Some(href.into()),
        });
        self
    }

    /// Adds the last, unlinked breadcrumb.
    pub fn here(mut self, label: impl Into<String>) -> Self {
        self.crumbs.push(Crumb {
            label: label.into(),
            href: None,
        });
        self
    }

    /// Key of the active menu entry (`customers`, `lookup`, … or empty).
    pub fn nav_key(&self) -> &'static str {
        match self.nav {
            Nav::Home => "home",
            Nav::Customers => "customers",
            Nav::Lookup => "lookup",
            Nav::Agents => "agents",
            Nav::Audit => "audit",
            Nav::Account => "account",
            Nav::Mine => "mine",
            Nav::MyRequests => "my-requests",
            Nav::Requests => "requests",
            Nav::Settings => "settings",
            Nav::DataSource => "data-source",
            Nav::Outbox => "outbox",
            Nav::Tokens => "tokens",
            Nav::None => "",
        }
    }

    /// A date stored as `YYYY-MM-DD` text (a form field), in the reader's
    /// format; the text itself when it is not such a date.
    pub fn date_text(&self, text: &str) -> String {
        NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
            .map(|d| self.lang.date(&d))
            .unwrap_or_else(|_| text.to_string())
    }

    /// An audit action's name in the reader's language.
    pub fn audit_action(&self, action: impl AsAction) -> String {
        self.lang.t(&action.action().message_id())
    }

    /// A value kept by the audit log, in the reader's language.
    pub fn value_text(&self, value: &str) -> String {
        self.lang.value_text(value)
    }

    /// The name of the page itself: the last step of the breadcrumbs.
    pub fn page_name(&self) -> &str {
        self.crumbs.last().map_or("", |c| c.label.as_str())
    }

    /// A stored value (enum or fixed-list entry) in the reader's language.
    pub fn choice(&self, value: impl std::fmt::Display) -> String {
        self.lang.choice(&value.to_string())
    }

    /// A message.
    pub fn t(&self, key: &str) -> String {
        self.lang.t(key)
    }

    /// Whether the signed-in agent starts requests on any reservation.
    pub fn can_request(&self) -> bool {
        self.user.as_ref().is_some_and(|u| u.can_request)
    }

    /// The name of a request kind (`Refund`, `Exchange`, `Other`).
    pub fn request_kind(&self, kind: &str) -> String {
        self.lang
            .t(&format!("request-kind-{}", kind.to_lowercase()))
    }

    /// The name of a request status.
    pub fn request_status(&self, status: &str) -> String {
        self.lang
            .t(&format!("request-status-{}", status.to_lowercase()))
    }

    /// A message with a text argument.
    pub fn ts(&self, key: &str, name: &str, value: &str) -> String {
        self.lang.ts(key, name, value)
    }

    /// A message with a number argument.
    pub fn tn(&self, key: &str, name: &str, value: impl Arg<i64>) -> String {
        self.lang.tn(key, name, value.value())
    }

    /// A message with a count, printed with grouping (`$shown`).
    pub fn tcount(&self, key: &str, value: impl Arg<i64>) -> String {
        self.lang.tcount(key, value.value())
    }

    /// Money, formatted.
    pub fn money(&self, m: impl Arg<Money>) -> String {
        self.lang.money(&m.value())
    }

    /// A number, formatted.
    pub fn number(&self, n: impl Arg<i64>) -> String {
        self.lang.number(n.value())
    }

    /// A day, formatted.
    pub fn date(&self, d: impl Arg<NaiveDate>) -> String {
        self.lang.date(&d.value())
    }

    /// A time, formatted.
    pub fn datetime(&self, t: impl Arg<NaiveDateTime>) -> String {
        self.lang.datetime(&t.value())
    }

    /// A utilization figure, or a dash when there is no data.
    pub fn percent(&self, p: impl Arg<Option<Permille>>) -> String {
        match p.value() {
            Some(p) => self.lang.percent(&p),
            None => "—".to_string(),
        }
    }
}

/// A value a template hands over, by value or through references (Askama
/// passes fields by reference, loop variables by double reference).
pub trait Arg<T: Copy> {
    /// The value.
    fn value(&self) -> T;
}

impl<T: Copy> Arg<T> for T {
    fn value(&self) -> T {
        *self
    }
}

impl<T: Copy> Arg<T> for &T {
    fn value(&self) -> T {
        **self
    }
}

impl<T: Copy> Arg<T> for &&T {
    fn value(&self) -> T {
        ***self
    }
}

/// An audit action, however many references a template holds it through.
pub trait AsAction {
    /// The action.
    fn action(&self) -> crate::domain::audit::Action;
}

impl AsAction for crate::domain::audit::Action {
    fn action(&self) -> crate::domain::audit::Action {
        *self
    }
}

impl<T: AsAction> AsAction for &T {
    fn action(&self) -> crate::domain::audit::Action {
        (**self).action()
    }
}
