//! A server's connection to Azure: the client, a runtime of its own for
//! remote calls (so that no web worker and no database connection waits on
//! Azure), and the scheduled sync with its "Sync now".

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::mpsc;

use super::client::Client;
use super::sync::{self, Store};
use crate::app::{Actor, Clock};
use crate::db::DbPool;

/// What the Data source page says about the connection.
#[derive(Debug, Clone)]
pub struct Described {
    /// The partner tenant.
    pub tenant: String,
    /// The cloud's name.
    pub cloud: &'static str,
    /// Minutes between scheduled syncs (0: only when asked).
    pub every_minutes: u64,
}

/// The connection of a running server.
pub struct Connection {
    client: Arc<Client>,
    runtime: Option<tokio::runtime::Runtime>,
    wake: mpsc::UnboundedSender<i64>,
    described: Described,
}

impl Connection {
    /// Starts the connection's runtime and its sync loop: a run every
    /// `every` (none: only when asked), and each run an admin started.
    pub fn start(
        client: Client,
        pool: DbPool,
        clock: Clock,
        every: Option<Duration>,
    ) -> std::io::Result<Arc<Connection>> {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .thread_name("azure")
            .enable_all()
            .build()?;
        let client = Arc::new(client);
        let (wake, mut asked) = mpsc::unbounded_channel::<i64>();
        let described = Described {
            tenant: client.settings().tenant.to_string(),
            cloud: client.settings().cloud.name(),
            every_minutes: every.map_or(0, |e| e.as_secs() / 60),
        };
        let looping = client.clone();
        runtime.spawn(async move {
            let store = Store {
                pool,
                clock,
                actor: Actor::housekeeping(),
            };
            let mut next = every.map(|e| tokio::time::Instant::now() + e.min(Duration::from_secs(5)));
            loop {
                let run = tokio::select! {
                    asked = asked.recv() => match asked {
                        Some(run) => Some(run),
                        None => return,
                    },
                    () = sleep_until(next) => {
                        next = every.map(|e| tokio::time::Instant::now() + e);
                        match sync::start(&store).await {
                            Ok(run) => Some(run),
                            Err(e) => {
                                tracing::info!(cause = %e, "scheduled sync not started");
                                None
                            }
                        }
                    }
                };
                if let Some(run) = run {
                    let outcome = sync::run(&looping, &store, run, |customer| {
                        if let Err(why) = &customer.outcome {
                            tracing::warn!(customer = %customer.company_name, %why, "customer not synced");
                        }
                    })
                    .await;
                    match outcome {
                        Ok(report) => tracing::info!(
                            run,
                            synced = report.synced,
                            failed = report.failed,
                            added = report.totals.added,
                            changed = report.totals.changed,
                            "sync finished"
                        ),
                        Err(why) => tracing::warn!(run, %why, "sync failed"),
                    }
                }
            }
        });
        Ok(Arc::new(Connection {
            client,
            runtime: Some(runtime),
            wake,
            described,
        }))
    }

    /// Carries out a run an admin started (see `app::sync::start`).
    pub fn carry_out(&self, run: i64) {
        let _ = self.wake.send(run);
    }

    /// The client.
    pub fn client(&self) -> &Arc<Client> {
        &self.client
    }

    /// What the Data source page says about the connection.
    pub fn described(&self) -> &Described {
        &self.described
    }

    /// Runs a remote call on the connection's runtime and waits for it
    /// (from a blocking thread: a use case's).
    pub fn wait_for<T: Send + 'static>(
        &self,
        call: impl std::future::Future<Output = T> + Send + 'static,
    ) -> Option<T> {
        let runtime = self.runtime.as_ref()?;
        let (send, receive) = std::sync::mpsc::channel();
        runtime.spawn(async move {
            let _ = send.send(call.await);
        });
        receive.recv().ok()
    }
}

impl Drop for Connection {
    fn drop(&mut self) {
        if let Some(runtime) = self.runtime.take() {
            runtime.shutdown_background();
        }
    }
}

async fn sleep_until(at: Option<tokio::time::Instant>) {
    match at {
        Some(at) => tokio::time::sleep_until(at).await,
        None => std::future::pending().await,
    }
}
