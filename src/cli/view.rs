//! `presetlint view pull VIEW_ID` and `presetlint view list`: the metadata view from iconik
//! itself. Credentials from ICONIK_APP_ID and ICONIK_AUTH_TOKEN, the instance from ICONIK_URL;
//! every failure is exit 2 with a message that says what to change.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Subcommand;
use miette::miette;

use crate::base::atomic::{self, Guard};
use crate::base::shown;
use crate::iconik::{Client, Credentials, FetchOptions, list_views, pull_storage_view, pull_view};

#[derive(Debug, clap::Args)]
pub(super) struct ViewArgs {
    #[command(subcommand)]
    command: ViewCommand,
}

#[derive(Debug, Subcommand)]
enum ViewCommand {
    /// Fetch a metadata view (and the definitions of its fields) from iconik, in the form
    /// --view reads: keys sorted, no timestamps, so that it diffs well in git.
    Pull(PullArgs),
    /// List the metadata views of the iconik instance: id and name, one per line.
    List(ConnectArgs),
}

#[derive(Debug, clap::Args)]
struct PullArgs {
    /// The view's id, as `presetlint view list` shows it.
    #[arg(required_unless_present = "storage")]
    view_id: Option<String>,

    /// Pull the view the Storage Gateway of this storage reads sidecars into (the storage's
    /// Metadata View), with the storage's settings that change what a sidecar is for: the
    /// files its gateway ignores, and whether it waits for a sidecar.
    #[arg(long, value_name = "STORAGE_ID", conflicts_with = "view_id")]
    storage: Option<String>,

    /// Write the view to this file (replaced atomically) instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    output: Option<PathBuf>,

    #[command(flatten)]
    connect: ConnectArgs,
}

#[derive(Debug, clap::Args)]
struct ConnectArgs {
    /// Seconds to wait for the connection to iconik.
    #[arg(long, value_name = "SECONDS", default_value_t = 10.0)]
    connect_timeout: f64,

    /// Seconds to wait for each read of iconik's answer.
    #[arg(long, value_name = "SECONDS", default_value_t = 30.0)]
    timeout: f64,

    /// How many times an answer of 429 or 5xx, or a dropped connection, is tried again.
    #[arg(long, value_name = "N", default_value_t = 3)]
    retries: u32,
}

impl ConnectArgs {
    fn client(&self) -> miette::Result<Client> {
        use crate::cli::engine_args::seconds;
        let options = FetchOptions {
            retries: self.retries,
            ..FetchOptions::with_timeouts(
                seconds("--connect-timeout", self.connect_timeout)?,
                seconds("--timeout", self.timeout)?,
            )
        };
        Ok(Client::new(Credentials::from_process()?, options))
    }
}

pub(super) fn run(args: ViewArgs) -> miette::Result<ExitCode> {
    match args.command {
        ViewCommand::Pull(pull) => {
            let client = pull.connect.client()?;
            let (pulled, what) = match (&pull.storage, &pull.view_id) {
                (Some(storage), _) => (
                    pull_storage_view(&client, storage),
                    format!(
                        "the view of the storage {}",
                        shown::escape_controls(storage)
                    ),
                ),
                (None, Some(id)) => (
                    pull_view(&client, id),
                    format!("the view {}", shown::escape_controls(id)),
                ),
                (None, None) => return Err(miette!("name a view id, or --storage STORAGE_ID")),
            };
            print_notes(&client);
            let text = pulled?;
            match &pull.output {
                Some(path) => {
                    atomic::write(path, text.as_bytes(), Guard::NotOneOf(&[])).map_err(|e| {
                        miette!("cannot write the view to {}: {e}", shown::path(path))
                    })?;
                    eprintln!(
                        "presetlint: wrote {what} from {} to {}",
                        client.base(),
                        shown::path(path)
                    );
                }
                None => crate::cli::output::print_stdout(&text)?,
            }
        }
        ViewCommand::List(connect) => {
            let client = connect.client()?;
            let listed = list_views(&client);
            print_notes(&client);
            let mut text = String::new();
            for view in listed? {
                text.push_str(&format!(
                    "{}\t{}\n",
                    shown::escape_controls(&view.id),
                    shown::escape_controls(&view.name)
                ));
            }
            crate::cli::output::print_stdout(&text)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The client's notes (its retries and their waits), on stderr.
fn print_notes(client: &Client) {
    for note in client.take_notes() {
        eprintln!("presetlint: note: {}", shown::escape_controls(&note));
    }
}
