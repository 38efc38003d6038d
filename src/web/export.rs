//! `GET /reservations/export.csv`: every reservation across customers (of
//! a status and a region when asked), as CSV in the reader's language.
//!
//! The file is streamed: a task reads a batch of reservations, writes it
//! as CSV and hands it to the response, which holds at most two batches,
//! so an export of any size takes the same memory.

use std::pin::Pin;
use std::task::{Context, Poll};

use actix_web::http::header::{self, ContentDisposition, DispositionParam, DispositionType};
use actix_web::web::Bytes;
use actix_web::{HttpResponse, web};
use serde::Deserialize;

use super::home::neutralise;
use super::session::SignedIn;
use super::{AppState, call};
use crate::app::export;
use crate::db::keys::ReservationKey;
use crate::db::reservations::export::{ExportFilter, ExportRow};
use crate::domain::reservation::Status;
use crate::i18n::Lang;
use crate::web::error::AppError;

/// Query string of the export.
#[derive(Debug, Default, Deserialize)]
pub struct ExportParams {
    status: Option<String>,
    region: Option<String>,
    archived: Option<String>,
}

/// The column headings' message IDs, in order.
const COLUMNS: [&str; 15] = [
    "export-customer",
    "export-tenant",
    "export-reservation-id",
    "export-order-id",
    "export-name",
    "export-type",
    "export-sku",
    "export-region",
    "export-quantity",
    "export-term",
    "export-billing-plan",
    "export-purchase-date",
    "export-expiry-date",
    "export-status",
    "export-renew",
];

/// The response body: CSV chunks as the reading task sends them.
struct Chunks(tokio::sync::mpsc::Receiver<Result<Bytes, actix_web::Error>>);

impl futures_core::Stream for Chunks {
    type Item = Result<Bytes, actix_web::Error>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.0.poll_recv(cx)
    }
}

/// `GET /reservations/export.csv`.
pub async fn reservations(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    params: web::Query<ExportParams>,
) -> Result<HttpResponse, AppError> {
    let filter = filter_of(&params)?;
    let actor = signed_in.user_actor();
    let lang = signed_in.lang.clone();
    // The first batch is read before answering, so that a refusal or a
    // database error is a page of its own rather than a cut-off file.
    let first = {
        let filter = filter.clone();
        call(&state, actor.clone(), move |ctx| {
            export::batch(ctx, &filter, ReservationKey(0))
        })
        .await?
    };
    let (sender, receiver) = tokio::sync::mpsc::channel(2);
    let today = state.today();
    let reader = state.clone();
    actix_web::rt::spawn(async move {
        let state = reader;
        let mut header = Vec::new();
        let mut batch = first;
        let heading: Vec<String> = COLUMNS.iter().map(|c| lang.t(c)).collect();
        if write_rows(&mut header, Some(&heading), &[], &lang, today).is_err()
            || sender.send(Ok(Bytes::from(header))).await.is_err()
        {
            return;
        }
        while let Some(last) = batch.last().map(|row| row.reservation.id) {
            let mut chunk = Vec::with_capacity(batch.len() * 200);
            let written = write_rows(&mut chunk, None, &batch, &lang, today);
            if written.is_err() || sender.send(Ok(Bytes::from(chunk))).await.is_err() {
                return;
            }
            let filter = filter.clone();
            batch = match call(&state, actor.clone(), move |ctx| {
                export::batch(ctx, &filter, last)
            })
            .await
            {
                Ok(next) => next,
                Err(cause) => {
                    // The file is cut off: the browser reports a failed
                    // download rather than a file that looks whole.
                    tracing::error!(%cause, "the reservations export stopped");
                    let _ = sender
                        .send(Err(actix_web::error::ErrorInternalServerError(
                            "export stopped",
                        )))
                        .await;
                    return;
                }
            };
        }
    });
    Ok(HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header(ContentDisposition {
            disposition: DispositionType::Attachment,
            parameters: vec![DispositionParam::Filename(format!(
                "reservations-{}.csv",
                state.today()
            ))],
        })
        .insert_header((header::VARY, "Accept-Language, Cookie"))
        .streaming(Chunks(receiver)))
}

fn filter_of(params: &ExportParams) -> Result<ExportFilter, AppError> {
    let status = match params.status.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(key) => Some(Status::from_key(key).ok_or(AppError::BadRequest("error-bad-request"))?),
    };
    let region = match params.region.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(region) if region.len() <= 64 && region.bytes().all(|b| b.is_ascii_alphanumeric()) => {
            Some(region.to_ascii_lowercase())
        }
        Some(_) => return Err(AppError::BadRequest("error-bad-request")),
    };
    Ok(ExportFilter {
        status,
        region,
        archived_too: crate::web::paging::is_on(params.archived.as_deref()),
    })
}

/// Writes the heading (when given) and `rows` as CSV lines to `out`.
fn write_rows(
    out: &mut Vec<u8>,
    heading: Option<&[String]>,
    rows: &[ExportRow],
    lang: &Lang,
    today: chrono::NaiveDate,
) -> Result<(), csv::Error> {
    let mut writer = csv::Writer::from_writer(out);
    if let Some(heading) = heading {
        writer.write_record(heading)?;
    }
    for row in rows {
        let r = &row.reservation;
        writer.write_record([
            &neutralise(&row.company_name),
            row.tenant_id.as_str(),
            &r.reservation_guid.to_string(),
            row.order_guid.as_str(),
            &neutralise(&r.display_name),
            &lang.choice(r.resource_type.as_str()),
            r.sku.as_str(),
            r.region.as_str(),
            &r.quantity.to_string(),
            &lang.choice(&row.term),
            &lang.choice(&row.billing_plan),
            &r.purchase_date.to_string(),
            &r.expiry_date.to_string(),
            &lang.t(&format!("status-{}", r.status(today).key())),
            &lang.t(if r.renew { "export-yes" } else { "export-no" }),
        ])?;
    }
    writer.flush()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_take_known_statuses_and_plain_regions_only() {
        let of = |status: &str, region: &str| {
            filter_of(&ExportParams {
                status: Some(status.into()),
                region: Some(region.into()),
                archived: None,
            })
        };
        let f = of("expiring", "WestEurope").expect("valid");
        assert_eq!(f.status, Some(Status::Expiring));
        assert_eq!(f.region.as_deref(), Some("westeurope"));
        assert!(of("", "").expect("all").status.is_none());
        assert!(of("soon", "").is_err());
        assert!(of("", "west europe").is_err());
        assert!(of("", "west\0europe").is_err());
        assert!(
            !of("", "").expect("all").archived_too,
            "archived ones left out"
        );
    }
}
