//! The upload form's post: the file read as it arrives, bounded, and
//! checked into a preview; and the template file.

use actix_web::http::StatusCode;
use actix_web::{HttpMessage, HttpRequest, HttpResponse, web};

use super::form;
use crate::app;
use crate::app::import::Uploaded;
use crate::domain::import::columns::Field;
use crate::web::access::CsrfInParts;
use crate::web::error::AppError;
use crate::web::paths;
use crate::web::session::{self, SignedIn};
use crate::web::{AppState, call, see_other};

/// The largest file taken.
pub const MAX_FILE_BYTES: usize = 64 * 1024 * 1024;

/// Bytes of a too-large file read and dropped (so that the browser gets
/// the answer) before the connection is given up.
const DRAINED_AT_MOST: usize = 4 * MAX_FILE_BYTES;

/// What the upload form sent.
#[derive(Default)]
struct Sent {
    tenant: String,
    file_name: String,
    file: Vec<u8>,
    too_big: bool,
}

/// The next item of a stream.
async fn next<S: futures_core::Stream + Unpin>(stream: &mut S) -> Option<S::Item> {
    std::future::poll_fn(|cx| std::pin::Pin::new(&mut *stream).poll_next(cx)).await
}

/// Reads the form's parts as they arrive: the file up to
/// [`MAX_FILE_BYTES`], the short fields up to a few hundred bytes. When
/// the anti-forgery token is `expected` in the form, it must be the first
/// part and match, before anything else is read.
async fn read_parts(
    payload: web::Payload,
    req: &HttpRequest,
    expected: Option<String>,
) -> Result<Sent, AppError> {
    let bad = || AppError::BadRequest("error-bad-request");
    let mut parts = actix_multipart::Multipart::new(req.headers(), payload);
    let mut sent = Sent::default();
    let mut checked = expected.is_none();
    while let Some(part) = next(&mut parts).await {
        let mut part = part.map_err(|_| bad())?;
        let name = part.name().unwrap_or("").to_string();
        if !checked && name != "csrf_token" {
            return Err(AppError::BadCsrf);
        }
        let limit = if name == "file" { MAX_FILE_BYTES } else { 512 };
        if name == "file" {
            sent.file_name = part
                .content_disposition()
                .and_then(|d| d.get_filename())
                .unwrap_or("")
                .to_string();
        }
        let mut bytes = Vec::new();
        while let Some(chunk) = next(&mut part).await {
            let chunk = chunk.map_err(|_| bad())?;
            if bytes.len() + chunk.len() > limit {
                if name != "file" {
                    return Err(bad());
                }
                sent.too_big = true;
                bytes = Vec::new();
                // The rest is read and dropped, so the answer reaches the
                // browser; past a bound the connection is given up.
                let mut drained = 0;
                while let Some(rest) = next(&mut part).await {
                    drained += rest.map_err(|_| bad())?.len();
                    if drained > DRAINED_AT_MOST {
                        return Err(bad());
                    }
                }
                break;
            }
            bytes.extend_from_slice(&chunk);
        }
        let text = String::from_utf8(bytes);
        match name.as_str() {
            "csrf_token" => {
                let given = text.map_err(|_| bad())?;
                if let Some(expected) = &expected
                    && !session::tokens_match(expected, &given)
                {
                    return Err(AppError::BadCsrf);
                }
                checked = true;
            }
            "tenant" => sent.tenant = text.map_err(|_| bad())?,
            "file" => sent.file = text.map_or_else(|e| e.into_bytes(), String::into_bytes),
            _ => {}
        }
    }
    if !checked {
        return Err(AppError::BadCsrf);
    }
    Ok(sent)
}

/// `POST /admin/import`: reads and checks the file, and shows its preview.
pub async fn upload(
    state: web::Data<AppState>,
    req: HttpRequest,
    signed_in: SignedIn,
    payload: web::Payload,
) -> Result<HttpResponse, AppError> {
    let lang = signed_in.lang.clone();
    // A file said to be too large, or no turn free on this node: answered
    // before the file is read.
    let declared = req
        .headers()
        .get(actix_web::http::header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    if declared.is_some_and(|n| n > MAX_FILE_BYTES + 64 * 1024) {
        let limit = (MAX_FILE_BYTES / 1024 / 1024).to_string();
        let said = lang.ts("import-file-too-big", "megabytes", &limit);
        return form(
            &state,
            &signed_in,
            String::new(),
            (Some(said), None),
            StatusCode::PAYLOAD_TOO_LARGE,
        )
        .await;
    }
    let Ok(_turn) = state.imports.uploads.try_acquire() else {
        let said = lang.t("import-busy");
        return form(
            &state,
            &signed_in,
            String::new(),
            (Some(said), None),
            StatusCode::SERVICE_UNAVAILABLE,
        )
        .await;
    };
    let expected = req
        .extensions()
        .get::<CsrfInParts>()
        .map(|CsrfInParts(token)| token.clone());
    let sent = read_parts(payload, &req, expected).await?;
    let Sent {
        tenant,
        file_name,
        file,
        too_big,
        ..
    } = sent;
    let refused = |file: Option<String>, tenant_error: Option<&'static str>| {
        form(
            &state,
            &signed_in,
            tenant.clone(),
            (file, tenant_error),
            StatusCode::UNPROCESSABLE_ENTITY,
        )
    };
    let chosen = match app::import::chosen_tenant(&tenant) {
        Ok(chosen) => chosen,
        Err(app::Error::Invalid(key)) => return refused(None, Some(key)).await,
        Err(e) => return Err(e.into()),
    };
    if too_big {
        let limit = (MAX_FILE_BYTES / 1024 / 1024).to_string();
        return refused(
            Some(lang.ts("import-file-too-big", "megabytes", &limit)),
            None,
        )
        .await;
    }
    if file.is_empty() {
        return refused(Some(lang.t("import-file-missing")), None).await;
    }
    let uploaded = call(&state, signed_in.actor(&req, &state.config), move |ctx| {
        app::import::upload(ctx, &file_name, &file, chosen, &mut |_| {})
    })
    .await;
    match uploaded {
        Err(app::Error::Invalid(key)) => refused(None, Some(key)).await,
        Err(e) => Err(e.into()),
        Ok(Uploaded::Stored(id)) => Ok(see_other(&paths::admin_import(id))),
        Ok(Uploaded::Refused(problem)) => {
            refused(Some(lang.message(problem.message())), None).await
        }
    }
}

/// `GET /admin/import/template.csv`: the columns the import reads, with an
/// example row.
pub async fn template(_signed_in: SignedIn) -> Result<HttpResponse, AppError> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let example = |f: Field| match f {
        Field::Tenant => "3f1c2a7e-9b4d-4c6e-8a2f-1d5e7b9c0a11",
        Field::Customer => "Contoso Ltd",
        Field::Domain => "contoso.com",
        Field::Reservation => "8d2f6a31-5b7c-4e9d-a1f3-2c4b6d8e0f12",
        Field::Order => "1b3d5f70-9a2c-4e6b-8d0f-a2c4e6b8d0f1",
        Field::Name => "VM_RI_01-01-2026_10-00",
        Field::Type => "VirtualMachines",
        Field::Sku => "Standard_D2s_v3",
        Field::Region => "westeurope",
        Field::Quantity => "2",
        Field::Term => "P1Y",
        Field::BillingPlan => "Upfront",
        Field::PurchaseDate => "2026-01-01",
        Field::BenefitStart => "2026-01-01",
        Field::Expiry => "2027-01-01",
        Field::ScopeType => "Single",
        Field::AppliedScope => "",
        Field::ScopeSubscription => "5a6b7c8d-1e2f-4a3b-9c4d-5e6f7a8b9c0d",
        Field::ResourceGroup => "",
        Field::ManagementGroup => "",
        Field::BillingSubscription => "5a6b7c8d-1e2f-4a3b-9c4d-5e6f7a8b9c0d",
        Field::Flexibility => "On",
        Field::Renew => "No",
        Field::Status => "Succeeded",
        Field::Price => "1234.56",
        Field::Currency => "USD",
    };
    let written = writer
        .write_record(Field::ALL.iter().map(|f| f.heading()))
        .and_then(|()| writer.write_record(Field::ALL.iter().map(|f| example(*f))));
    let body = written
        .map_err(AppError::internal)
        .and_then(|()| writer.into_inner().map_err(AppError::internal))?;
    Ok(HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header((
            actix_web::http::header::CONTENT_DISPOSITION,
            "attachment; filename=\"reservations-import.csv\"",
        ))
        .body(body))
}
