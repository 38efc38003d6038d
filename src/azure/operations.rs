//! Changes sent to Resource Manager, and the long-running operations they
//! may start: polled through `Azure-AsyncOperation` (else `Location`) every
//! `Retry-After`, until a final status or a time limit, past which the
//! change is reported as still pending.

use std::time::{Duration, Instant};

use super::answers::{CallError, read_answer, retry_after, unreachable};
use super::client::Client;
use super::settings::BaseUrl;

/// How a change came back.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// Done: the service's final answer (the resource, or the operation's
    /// result).
    Succeeded(serde_json::Value),
    /// The operation ended without the change; the service's words.
    Failed(String),
    /// Still running when the time limit came.
    Pending,
}

/// What the service said when it took a change in.
enum Taken {
    Done(serde_json::Value),
    Running {
        poll: String,
        via_location: bool,
        retry_after: Option<Duration>,
    },
}

impl Client {
    /// Sends a change (`PATCH`, `POST` or `PUT` of `body` to `url`) as
    /// `tenant` for `scope` and follows its operation to the end, polling
    /// at most for `limit`. A refusal comes back as the error, with the
    /// service's code and message.
    pub async fn change(
        &self,
        base: &BaseUrl,
        request: (reqwest::Method, &str),
        who: (&str, &str),
        body: &serde_json::Value,
        limit: Duration,
    ) -> Result<Outcome, CallError> {
        let correlation = uuid::Uuid::new_v4().to_string();
        self.change_as(base, request, who, body, limit, &correlation)
            .await
    }

    /// [`Client::change`] under a correlation ID of the caller's
    /// (`x-ms-correlation-request-id`, which Resource Manager keeps for the
    /// call and its operation), so that the caller can record it whatever
    /// the outcome.
    pub async fn change_as(
        &self,
        base: &BaseUrl,
        (method, url): (reqwest::Method, &str),
        (tenant, scope): (&str, &str),
        body: &serde_json::Value,
        limit: Duration,
        correlation: &str,
    ) -> Result<Outcome, CallError> {
        let token = self.token(tenant, scope).await?;
        let taken = self
            .send(base, method, url, &token, body, correlation)
            .await?;
        let (poll, via_location, mut wait) = match taken {
            Taken::Done(answer) => return Ok(Outcome::Succeeded(answer)),
            Taken::Running {
                poll,
                via_location,
                retry_after,
            } => (poll, via_location, retry_after),
        };
        if !base.owns(&poll) {
            return Err(super::client::foreign(base, &poll));
        }
        let started = Instant::now();
        loop {
            let pause = wait.unwrap_or(Duration::from_secs(10));
            if started.elapsed() + pause > limit {
                return Ok(Outcome::Pending);
            }
            tokio::time::sleep(pause).await;
            let token = self.token(tenant, scope).await?;
            let _turn = self.turn(&poll).await;
            let response = self
                .http()
                .get(&poll)
                .bearer_auth(&token)
                .header("x-ms-correlation-request-id", correlation)
                .send()
                .await
                .map_err(|e| unreachable(base, &e))?;
            wait = retry_after(&response);
            if via_location {
                // A Location poll answers 202 while running, the result after.
                if response.status().as_u16() == 202 {
                    continue;
                }
                return read_answer(base, response).await.map(Outcome::Succeeded);
            }
            let status: serde_json::Value = read_answer(base, response).await?;
            match status.get("status").and_then(serde_json::Value::as_str) {
                Some("Succeeded") => return Ok(Outcome::Succeeded(status)),
                Some("Failed" | "Canceled" | "Cancelled") => {
                    let message = status
                        .pointer("/error/message")
                        .and_then(serde_json::Value::as_str)
                        .unwrap_or("the operation ended without the change")
                        .to_string();
                    return Ok(Outcome::Failed(message));
                }
                _ => continue,
            }
        }
    }

    async fn send(
        &self,
        base: &BaseUrl,
        method: reqwest::Method,
        url: &str,
        token: &str,
        body: &serde_json::Value,
        correlation: &str,
    ) -> Result<Taken, CallError> {
        if !base.owns(url) {
            return Err(super::client::foreign(base, url));
        }
        let _turn = self.turn(url).await;
        let response = self
            .http()
            .request(method, url)
            .bearer_auth(token)
            .header("x-ms-correlation-request-id", correlation)
            .json(body)
            .send()
            .await
            .map_err(|e| unreachable(base, &e))?;
        let header = |name: &str| {
            response
                .headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_string)
        };
        if response.status().as_u16() == 202 {
            let wait = retry_after(&response);
            if let Some(poll) = header("Azure-AsyncOperation") {
                return Ok(Taken::Running {
                    poll,
                    via_location: false,
                    retry_after: wait,
                });
            }
            if let Some(poll) = header("Location") {
                return Ok(Taken::Running {
                    poll,
                    via_location: true,
                    retry_after: wait,
                });
            }
        }
        let answer: serde_json::Value = read_answer(base, response).await?;
        Ok(Taken::Done(answer))
    }
}
