//! A throwaway PostgreSQL cluster for tests: `initdb` in a temporary
//! directory, started on a free port with its socket there, as the
//! unprivileged `postgres` user when the tests run as root, and stopped
//! when dropped. Needs Debian's `postgresql` package (`.ci/run` installs
//! it).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub struct Cluster {
    dir: tempfile::TempDir,
    bin: PathBuf,
    pub port: u16,
    as_postgres: bool,
}

fn bin_dir() -> PathBuf {
    let mut found: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .map(|dirs| {
            dirs.filter_map(Result::ok)
                .map(|d| d.path().join("bin"))
                .filter(|b| b.join("initdb").exists())
                .collect()
        })
        .unwrap_or_default();
    found.sort();
    found
        .pop()
        .expect("PostgreSQL's binaries under /usr/lib/postgresql/*/bin (Debian package postgresql; .ci/run installs it)")
}

impl Cluster {
    /// Creates and starts a cluster.
    pub fn start() -> Cluster {
        let dir = tempfile::tempdir().expect("temp dir");
        let bin = bin_dir();
        let as_postgres = is_root();
        let data = dir.path().join("data");
        std::fs::create_dir(&data).expect("data dir");
        if as_postgres {
            run(Command::new("chmod").arg("755").arg(dir.path()));
            run(Command::new("chown")
                .args(["-R", "postgres:postgres"])
                .arg(dir.path()));
        }
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .expect("free port")
            .local_addr()
            .expect("addr")
            .port();
        let cluster = Cluster {
            dir,
            bin,
            port,
            as_postgres,
        };
        cluster.tool(
            "initdb",
            &[
                "-D",
                &path(&data),
                "-U",
                "postgres",
                "--auth=trust",
                "-E",
                "UTF8",
                "--no-sync",
            ],
        );
        cluster.resume();
        cluster
    }

    fn tool(&self, name: &str, args: &[&str]) -> Output {
        let program = self.bin.join(name);
        let mut command = if self.as_postgres {
            let mut c = Command::new("runuser");
            c.args(["-u", "postgres", "--"]).arg(&program);
            c
        } else {
            Command::new(&program)
        };
        command.args(args);
        run(&mut command)
    }

    /// The URL of database `name` in this cluster.
    pub fn url(&self, name: &str) -> String {
        format!("postgres://postgres@127.0.0.1:{}/{name}", self.port)
    }

    /// Runs SQL on database `name`; what psql printed (unaligned, tuples only).
    pub fn psql(&self, name: &str, sql: &str) -> String {
        let out = run(self.psql_on(name).args(["-A", "-t", "-c", sql]));
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Runs a file of SQL on database `name`.
    pub fn psql_file(&self, name: &str, file: &Path) {
        run(self.psql_on(name).args(["-f", &path(file)]));
    }

    /// psql on database `name` of this cluster, quiet, stopping at the
    /// first error.
    fn psql_on(&self, name: &str) -> Command {
        let mut command = Command::new(self.bin.join("psql"));
        command.args(["-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1", "-p"]);
        command.arg(self.port.to_string());
        command.args(["-U", "postgres", "-d", name]);
        command
    }

    /// Stops the server (fast shutdown: connections are cut).
    pub fn pause(&self) {
        let data = self.dir.path().join("data");
        self.tool("pg_ctl", &["-D", &path(&data), "-m", "fast", "-w", "stop"]);
    }

    /// Starts the server (again, after [`Cluster::pause`]), on its port.
    pub fn resume(&self) {
        let data = self.dir.path().join("data");
        let options = format!(
            "-p {} -k {} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200",
            self.port,
            path(self.dir.path())
        );
        self.tool(
            "pg_ctl",
            &[
                "-D",
                &path(&data),
                "-o",
                &options,
                "-l",
                &path(&self.dir.path().join("log")),
                "-w",
                "start",
            ],
        );
    }

    /// Creates database `name`.
    pub fn create_database(&self, name: &str) {
        self.psql("postgres", &format!("CREATE DATABASE {name}"));
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        let data = self.dir.path().join("data");
        let _ = self.tool_quiet("pg_ctl", &["-D", &path(&data), "-m", "immediate", "stop"]);
    }
}

impl Cluster {
    fn tool_quiet(&self, name: &str, args: &[&str]) -> std::io::Result<Output> {
        let program = self.bin.join(name);
        if self.as_postgres {
            Command::new("runuser")
                .args(["-u", "postgres", "--"])
                .arg(&program)
                .args(args)
                .output()
        } else {
            Command::new(&program).args(args).output()
        }
    }
}

fn path(p: &Path) -> String {
    p.to_string_lossy().into_owned()
}

fn run(command: &mut Command) -> Output {
    let out = command.output().expect("command runs");
    assert!(
        out.status.success(),
        "{command:?} failed:\n{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// Whether the tests run as root (initdb refuses root).
fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false)
}
