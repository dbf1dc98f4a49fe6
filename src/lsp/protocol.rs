//! JSON-RPC plumbing shared by the handshake and the main loop: parameters, errors, and the
//! guard that turns a panicking handler into an error response.

use std::panic::{self, AssertUnwindSafe};

use lsp_server::{ErrorCode, RequestId, Response, ResponseError};
use serde_json::Value;

use crate::lsp::transport::Transport;

/// Runs a handler so that a panic in it becomes an error for this one message (logged on
/// stderr by the panic hook) instead of the end of the server.
pub fn guarded<T>(
    method: &str,
    handler: impl FnOnce() -> Result<T, ResponseError>,
) -> Result<T, ResponseError> {
    panic::catch_unwind(AssertUnwindSafe(handler)).unwrap_or_else(|payload| {
        let reason = payload
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown cause".to_owned());
        eprintln!("presetlint lsp: handling {method} panicked: {reason}");
        Err(error(
            ErrorCode::InternalError,
            format!("presetlint failed on {method}: {reason}"),
        ))
    })
}

pub fn params<R: lsp_types::request::Request>(params: Value) -> Result<R::Params, ResponseError> {
    parse(params)
}

pub fn notification_params<N: lsp_types::notification::Notification>(
    params: Value,
) -> Result<N::Params, ResponseError> {
    parse(params)
}

/// Parameters that do not parse are the client's mistake: InvalidParams, naming the problem.
pub fn parse<P: serde::de::DeserializeOwned>(params: Value) -> Result<P, ResponseError> {
    serde_json::from_value(params)
        .map_err(|err| error(ErrorCode::InvalidParams, format!("invalid params: {err}")))
}

pub fn reply_malformed(transport: &Transport, id: Option<RequestId>, reason: &str) {
    eprintln!("presetlint lsp: malformed message: {reason}");
    let message = format!("malformed message: {reason}");
    match id {
        Some(id) => transport.send(error_response(id, ErrorCode::InvalidRequest, message).into()),
        None => transport.send_error_without_id(error(ErrorCode::ParseError, message)),
    }
}

pub fn error(code: ErrorCode, message: String) -> ResponseError {
    ResponseError {
        code: code as i32,
        message,
        data: None,
    }
}

pub fn error_response(id: RequestId, code: ErrorCode, message: String) -> Response {
    Response {
        id,
        response_result: Err(error(code, message)),
    }
}

pub fn to_result(result: impl serde::Serialize) -> Result<Value, ResponseError> {
    serde_json::to_value(result).map_err(|err| error(ErrorCode::InternalError, err.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panicking_handler_becomes_an_error() {
        let result: Result<(), ResponseError> = guarded("textDocument/hover", || panic!("boom"));
        let error = result.unwrap_err();
        assert_eq!(error.code, ErrorCode::InternalError as i32);
        assert_eq!(
            error.message,
            "presetlint failed on textDocument/hover: boom"
        );
    }
}
