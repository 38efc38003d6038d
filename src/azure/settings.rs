//! How the dashboard reaches Azure: the partner's tenant and application,
//! the client secret (from the environment or a file, never stored or
//! shown), the cloud and its three hosts, and base-URL overrides for tests,
//! proxies and new clouds.

use std::fmt;
use std::path::{Path, PathBuf};

use clap::Args;

use crate::domain::ids::TenantId;

/// The Azure clouds, each with its own hosts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Cloud {
    /// Azure (global).
    #[default]
    Public,
    /// Azure Government (US).
    #[value(name = "usgov")]
    UsGov,
    /// Azure operated by 21Vianet (China).
    China,
}

impl Cloud {
    /// The name the settings use (`public`, `usgov`, `china`).
    pub fn name(&self) -> &'static str {
        match self {
            Cloud::Public => "public",
            Cloud::UsGov => "usgov",
            Cloud::China => "china",
        }
    }

    /// The cloud's Entra ID (login), Resource Manager and Partner Center
    /// base URLs.
    pub fn endpoints(&self) -> Endpoints {
        let (login, arm, partner_center) = match self {
            Cloud::Public => (
                "login.microsoftonline.com",
                "management.azure.com",
                "api.partnercenter.microsoft.com",
            ),
            Cloud::UsGov => (
                "login.microsoftonline.us",
                "management.usgovcloudapi.net",
                "api.partnercenter.microsoft.com",
            ),
            Cloud::China => (
                "login.partner.microsoftonline.cn",
                "management.chinacloudapi.cn",
                "partner.partnercenterapi.microsoftonline.cn",
            ),
        };
        let https = |host: &str| BaseUrl(format!("https://{host}"));
        Endpoints {
            login: https(login),
            arm: https(arm),
            partner_center: https(partner_center),
        }
    }
}

/// A checked base URL: `https://host[:port][/path]`, or `http://` to a
/// loopback address (a test's fake, a local proxy). No trailing slash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaseUrl(String);

impl BaseUrl {
    /// Checks a base URL as typed.
    pub fn parse(text: &str) -> Result<BaseUrl, UrlProblem> {
        let text = text.trim().trim_end_matches('/');
        let (scheme, rest) = text.split_once("://").ok_or(UrlProblem::NotAUrl)?;
        let authority = rest.split('/').next().unwrap_or_default();
        let odd = |c: char| c.is_whitespace() || c.is_control() || matches!(c, '?' | '#');
        if authority.is_empty() || authority.contains('@') || rest.contains(odd) {
            return Err(UrlProblem::NotAUrl);
        }
        match scheme.to_ascii_lowercase().as_str() {
            "https" => {}
            "http" if is_loopback(authority) => {}
            "http" => return Err(UrlProblem::PlainHttp),
            _ => return Err(UrlProblem::NotAUrl),
        }
        Ok(BaseUrl(format!("{}://{rest}", scheme.to_ascii_lowercase())))
    }

    /// The URL, without a trailing slash.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether `url` is on this service (same scheme, host and port): a
    /// link the service answered with (`nextLink`, an operation to poll)
    /// is followed with a token only then.
    pub fn owns(&self, url: &str) -> bool {
        let origin = |u: &str| {
            let (scheme, rest) = u.split_once("://")?;
            let authority = rest.split(['/', '?', '#']).next()?;
            Some(format!(
                "{}://{}",
                scheme.to_ascii_lowercase(),
                authority.to_ascii_lowercase()
            ))
        };
        origin(&self.0).is_some() && origin(&self.0) == origin(url)
    }
}

impl fmt::Display for BaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Whether an authority (`host[:port]`) names this machine.
fn is_loopback(authority: &str) -> bool {
    let host = if let Some(v6) = authority.strip_prefix('[') {
        v6.split(']').next().unwrap_or_default()
    } else {
        authority.rsplit_once(':').map_or(authority, |(h, _)| h)
    };
    host.eq_ignore_ascii_case("localhost")
        || host
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

/// What is wrong with a base URL.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UrlProblem {
    /// Not an `https://` (or loopback `http://`) URL at all.
    NotAUrl,
    /// Plain HTTP to another machine would send tokens in the clear.
    PlainHttp,
}

/// The three services' base URLs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Endpoints {
    /// Entra ID, which issues tokens.
    pub login: BaseUrl,
    /// Azure Resource Manager (reservations, utilization, scopes).
    pub arm: BaseUrl,
    /// Partner Center (the partner's customers).
    pub partner_center: BaseUrl,
}

pub use crate::config::Secret;

/// The Azure settings as given on the command line or in the environment.
/// The secret has no flag (a flag shows in the process list): it comes from
/// `PD_AZURE_CLIENT_SECRET` or from the file `--azure-client-secret-file`
/// names.
#[derive(Debug, Clone, Default, Args)]
pub struct AzureArgs {
    /// The partner's Entra tenant ID (a GUID). Without it the dashboard runs
    /// on its own data.
    #[arg(long, env = "PD_AZURE_TENANT_ID")]
    pub azure_tenant_id: Option<String>,
    /// The application (client) ID registered in the partner's tenant.
    #[arg(long, env = "PD_AZURE_CLIENT_ID")]
    pub azure_client_id: Option<String>,
    /// A file holding the client secret (its first line), instead of
    /// `PD_AZURE_CLIENT_SECRET`.
    #[arg(long, env = "PD_AZURE_CLIENT_SECRET_FILE")]
    pub azure_client_secret_file: Option<PathBuf>,
    /// The Azure cloud: public, usgov or china.
    #[arg(long, env = "PD_AZURE_CLOUD", value_enum, default_value_t = Cloud::Public)]
    pub azure_cloud: Cloud,
    /// Entra ID's base URL, instead of the cloud's.
    #[arg(long, env = "PD_AZURE_LOGIN_URL")]
    pub azure_login_url: Option<String>,
    /// Azure Resource Manager's base URL, instead of the cloud's.
    #[arg(long, env = "PD_AZURE_ARM_URL")]
    pub azure_arm_url: Option<String>,
    /// Partner Center's base URL, instead of the cloud's.
    #[arg(long, env = "PD_AZURE_PARTNER_CENTER_URL")]
    pub azure_partner_center_url: Option<String>,
}

/// Checked settings: everything needed to reach Azure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AzureSettings {
    /// The partner's tenant.
    pub tenant: TenantId,
    /// The application (client) ID.
    pub client_id: uuid::Uuid,
    /// The client secret.
    pub secret: Secret,
    /// The cloud.
    pub cloud: Cloud,
    /// The services' base URLs (the cloud's, or the overrides).
    pub endpoints: Endpoints,
}

/// One thing wrong with the settings, said so that an admin can fix it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SettingsProblem {
    /// Some settings were given, but not the tenant.
    #[error("the partner tenant ID is missing: set --azure-tenant-id or PD_AZURE_TENANT_ID")]
    NoTenant,
    /// The tenant is not a GUID.
    #[error(
        "the partner tenant ID {0:?} is not a GUID (Entra admin center → Overview → Tenant ID)"
    )]
    BadTenant(String),
    /// Some settings were given, but not the application.
    #[error("the application (client) ID is missing: set --azure-client-id or PD_AZURE_CLIENT_ID")]
    NoClient,
    /// The application ID is not a GUID.
    #[error(
        "the application (client) ID {0:?} is not a GUID (App registrations → the app → Overview)"
    )]
    BadClient(String),
    /// No secret anywhere.
    #[error(
        "the client secret is missing: set PD_AZURE_CLIENT_SECRET or --azure-client-secret-file"
    )]
    NoSecret,
    /// Both the environment variable and the file.
    #[error("the client secret is given twice: use PD_AZURE_CLIENT_SECRET or the file, not both")]
    TwoSecrets,
    /// The secret file could not be read, or is empty.
    #[error("the client secret file {path} cannot be used: {why}")]
    SecretFile {
        /// The file.
        path: String,
        /// Why (the system's words, or "it is empty").
        why: String,
    },
    /// A base URL that cannot be used.
    #[error("{setting} {url:?} {}", match .problem {
        UrlProblem::NotAUrl => "is not an https:// URL",
        UrlProblem::PlainHttp => "uses plain http:// to another machine; only https:// is accepted there",
    })]
    BadUrl {
        /// Which setting.
        setting: &'static str,
        /// What was given.
        url: String,
        /// What is wrong.
        problem: UrlProblem,
    },
}

impl AzureArgs {
    /// The checked settings; `None` when nothing was configured (the
    /// dashboard then runs on its own data); every problem at once
    /// otherwise. `env_secret` is `PD_AZURE_CLIENT_SECRET`'s value.
    pub fn check(
        &self,
        env_secret: Option<&str>,
    ) -> Result<Option<AzureSettings>, Vec<SettingsProblem>> {
        fn given(v: &Option<String>) -> Option<&str> {
            v.as_deref().map(str::trim).filter(|v| !v.is_empty())
        }
        let env_secret = env_secret.filter(|s| !s.trim().is_empty());
        let anything = given(&self.azure_tenant_id).is_some()
            || given(&self.azure_client_id).is_some()
            || env_secret.is_some()
            || self.azure_client_secret_file.is_some();
        if !anything {
            return Ok(None);
        }
        let mut problems = Vec::new();
        let tenant = match given(&self.azure_tenant_id) {
            None => {
                problems.push(SettingsProblem::NoTenant);
                None
            }
            Some(t) => t
                .parse::<TenantId>()
                .map_err(|_| problems.push(SettingsProblem::BadTenant(t.to_string())))
                .ok(),
        };
        let client_id = match given(&self.azure_client_id) {
            None => {
                problems.push(SettingsProblem::NoClient);
                None
            }
            Some(c) => uuid::Uuid::try_parse(c)
                .map_err(|_| problems.push(SettingsProblem::BadClient(c.to_string())))
                .ok(),
        };
        let secret = match (env_secret, &self.azure_client_secret_file) {
            (Some(_), Some(_)) => {
                problems.push(SettingsProblem::TwoSecrets);
                None
            }
            (Some(s), None) => Some(Secret::new(s.trim().to_string())),
            (None, Some(path)) => secret_from_file(path).map_err(|p| problems.push(p)).ok(),
            (None, None) => {
                problems.push(SettingsProblem::NoSecret);
                None
            }
        };
        let defaults = self.azure_cloud.endpoints();
        let mut url = |setting: &'static str, given: &Option<String>, default: BaseUrl| match given
            .as_deref()
            .map(str::trim)
            .filter(|u| !u.is_empty())
        {
            None => Some(default),
            Some(text) => BaseUrl::parse(text)
                .map_err(|problem| {
                    problems.push(SettingsProblem::BadUrl {
                        setting,
                        url: text.to_string(),
                        problem,
                    })
                })
                .ok(),
        };
        let login = url("--azure-login-url", &self.azure_login_url, defaults.login);
        let arm = url("--azure-arm-url", &self.azure_arm_url, defaults.arm);
        let partner_center = url(
            "--azure-partner-center-url",
            &self.azure_partner_center_url,
            defaults.partner_center,
        );
        match (tenant, client_id, secret, login, arm, partner_center) {
            (Some(tenant), Some(client_id), Some(secret), Some(login), Some(arm), Some(pc))
                if problems.is_empty() =>
            {
                Ok(Some(AzureSettings {
                    tenant,
                    client_id,
                    secret,
                    cloud: self.azure_cloud,
                    endpoints: Endpoints {
                        login,
                        arm,
                        partner_center: pc,
                    },
                }))
            }
            _ => Err(problems),
        }
    }
}

/// The secret on the first line of `path`.
fn secret_from_file(path: &Path) -> Result<Secret, SettingsProblem> {
    let problem = |why: String| SettingsProblem::SecretFile {
        path: path.display().to_string(),
        why,
    };
    let text = std::fs::read_to_string(path).map_err(|e| problem(e.to_string()))?;
    let line = text.lines().next().unwrap_or_default().trim();
    if line.is_empty() {
        return Err(problem("it is empty".into()));
    }
    Ok(Secret::new(line.to_string()))
}

#[cfg(test)]
mod tests;
