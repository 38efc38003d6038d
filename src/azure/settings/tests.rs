//! The Azure settings: what a partner types, and what an admin is told.

use super::*;

const TENANT: &str = "6f1c0a2e-3b4d-4e5f-8a9b-0c1d2e3f4a5b";
const CLIENT: &str = "0b7e2f64-9c1a-4d3e-b5f6-7a8b9c0d1e2f";

fn args() -> AzureArgs {
    AzureArgs {
        azure_tenant_id: Some(TENANT.into()),
        azure_client_id: Some(CLIENT.into()),
        ..AzureArgs::default()
    }
}

#[test]
fn nothing_configured_means_the_dashboard_runs_on_its_own_data() {
    assert_eq!(AzureArgs::default().check(None), Ok(None));
    assert_eq!(AzureArgs::default().check(Some("  ")), Ok(None));
}

#[test]
fn each_cloud_has_its_three_hosts() {
    let public = Cloud::Public.endpoints();
    assert_eq!(public.login.as_str(), "https://login.microsoftonline.com");
    assert_eq!(public.arm.as_str(), "https://management.azure.com");
    assert_eq!(
        public.partner_center.as_str(),
        "https://api.partnercenter.microsoft.com"
    );
    let gov = Cloud::UsGov.endpoints();
    assert_eq!(gov.login.as_str(), "https://login.microsoftonline.us");
    assert_eq!(gov.arm.as_str(), "https://management.usgovcloudapi.net");
    let china = Cloud::China.endpoints();
    assert_eq!(
        china.login.as_str(),
        "https://login.partner.microsoftonline.cn"
    );
    assert_eq!(china.arm.as_str(), "https://management.chinacloudapi.cn");
    assert_eq!(
        china.partner_center.as_str(),
        "https://partner.partnercenterapi.microsoftonline.cn"
    );
}

#[test]
fn complete_settings_take_the_clouds_hosts_or_the_overrides() {
    let mut a = args();
    a.azure_cloud = Cloud::UsGov;
    a.azure_arm_url = Some("http://127.0.0.1:41234/".into());
    let s = a
        .check(Some(" s3cret~value "))
        .expect("valid")
        .expect("configured");
    assert_eq!(s.tenant.to_string(), TENANT);
    assert_eq!(s.client_id.to_string(), CLIENT);
    assert_eq!(s.secret.expose(), "s3cret~value");
    assert_eq!(s.endpoints.arm.as_str(), "http://127.0.0.1:41234");
    assert_eq!(
        s.endpoints.login.as_str(),
        "https://login.microsoftonline.us"
    );
}

#[test]
fn the_secret_never_shows_in_debug_output() {
    let s = args()
        .check(Some("do-not-print-me"))
        .expect("valid")
        .expect("configured");
    let shown = format!("{s:?}");
    assert!(!shown.contains("do-not-print-me"), "{shown}");
    assert!(shown.contains("Secret(hidden)"));
}

#[test]
fn the_secret_comes_from_the_environment_or_a_file_not_both() {
    let dir = tempfile::tempdir().expect("dir");
    let file = dir.path().join("secret");
    std::fs::write(&file, "from-the-file\nignored second line\n").expect("write");
    let mut a = args();
    a.azure_client_secret_file = Some(file.clone());
    let s = a.check(None).expect("valid").expect("configured");
    assert_eq!(s.secret.expose(), "from-the-file");
    assert_eq!(
        a.check(Some("also")),
        Err(vec![SettingsProblem::TwoSecrets])
    );
    std::fs::write(&file, "\n").expect("write");
    let empty = a.check(None).expect_err("empty file");
    assert!(
        matches!(empty.as_slice(), [SettingsProblem::SecretFile { why, .. }] if why == "it is empty"),
        "{empty:?}"
    );
    a.azure_client_secret_file = Some(dir.path().join("missing"));
    let missing = a.check(None).expect_err("missing file");
    assert!(
        matches!(missing.as_slice(), [SettingsProblem::SecretFile { .. }]),
        "{missing:?}"
    );
    assert_eq!(args().check(None), Err(vec![SettingsProblem::NoSecret]));
}

#[test]
fn every_problem_is_reported_at_once_in_words_an_admin_can_act_on() {
    let a = AzureArgs {
        azure_tenant_id: Some("contoso.onmicrosoft.com".into()),
        azure_client_id: None,
        azure_login_url: Some("http://login.example.com".into()),
        azure_partner_center_url: Some("ftp://127.0.0.1".into()),
        ..AzureArgs::default()
    };
    let problems = a.check(None).expect_err("broken");
    assert_eq!(problems.len(), 5, "{problems:?}");
    let words: Vec<String> = problems.iter().map(ToString::to_string).collect();
    assert!(words[0].contains("is not a GUID"), "{}", words[0]);
    assert!(words[1].contains("PD_AZURE_CLIENT_ID"), "{}", words[1]);
    assert!(words[2].contains("PD_AZURE_CLIENT_SECRET"), "{}", words[2]);
    assert!(words[3].contains("plain http://"), "{}", words[3]);
    assert!(words[4].contains("is not an https:// URL"), "{}", words[4]);
}

#[test]
fn plain_http_only_to_this_machine() {
    for ok in [
        "https://management.azure.com",
        "https://proxy.partner.example:8443/arm/",
        "http://127.0.0.1:9000",
        "http://localhost:9000",
        "http://[::1]:9000",
        "HTTP://127.0.0.2",
    ] {
        assert!(BaseUrl::parse(ok).is_ok(), "{ok}");
    }
    for (bad, why) in [
        ("http://10.0.0.5", UrlProblem::PlainHttp),
        ("http://127.0.0.1.example.com", UrlProblem::PlainHttp),
        ("http://localhost.evil", UrlProblem::PlainHttp),
        ("https://", UrlProblem::NotAUrl),
        ("management.azure.com", UrlProblem::NotAUrl),
        ("https://user@host", UrlProblem::NotAUrl),
        ("https://host/?q=1", UrlProblem::NotAUrl),
        ("https://host\r\nX-Injected: 1", UrlProblem::NotAUrl),
        ("https://ho\u{0}st", UrlProblem::NotAUrl),
        ("http://127.0.0.1/a\tb", UrlProblem::NotAUrl),
        ("file:///etc/passwd", UrlProblem::NotAUrl),
    ] {
        assert_eq!(BaseUrl::parse(bad), Err(why), "{bad}");
    }
}

#[test]
fn links_are_owned_only_on_the_same_scheme_host_and_port() {
    let base = BaseUrl::parse("https://management.azure.com").expect("base");
    assert!(base.owns("https://management.azure.com/providers/x?api-version=1"));
    assert!(base.owns("https://MANAGEMENT.azure.com/operations/1"));
    for other in [
        "https://management.azure.com.evil.example/x",
        "http://management.azure.com/x",
        "https://management.azure.com:444/x",
        "https://evil.example/?https://management.azure.com/",
        "/relative",
    ] {
        assert!(!base.owns(other), "{other}");
    }
}
