//! Whether values fit a view field: the judgement behind PL702 invalid-value.

use crate::model::values::date::{parse_date, parse_rfc3339};
use crate::model::view::{FieldType, ViewField};

/// Why a value does not fit, with advice when there is some.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Misfit {
    /// Which of the field's values; `None` when it is about all of them (too many).
    pub index: Option<usize>,
    pub message: String,
    pub help: Option<String>,
}

fn misfit(index: usize, message: String, help: Option<String>) -> Misfit {
    Misfit {
        index: Some(index),
        message,
        help,
    }
}

/// Every way the values of one element do not fit its field.
pub fn misfits(field: &ViewField, values: &[&str]) -> Vec<Misfit> {
    let mut out = Vec::new();
    if values.len() > 1 && !field.multi {
        out.push(Misfit {
            index: None,
            message: format!(
                "field {:?} takes one value (multi is false), and {} are given",
                field.name,
                values.len()
            ),
            help: None,
        });
    }
    for (i, value) in values.iter().enumerate() {
        if let Some((message, help)) = judge(field, value) {
            out.push(misfit(i, message, help));
        }
    }
    out
}

fn number_bounds(field: &ViewField, n: f64, value: &str) -> Option<(String, Option<String>)> {
    if let Some(min) = field.min_value.filter(|&min| n < min) {
        return Some((
            format!(
                "{value} is below the minimum {min} of field {:?}",
                field.name
            ),
            None,
        ));
    }
    if let Some(max) = field.max_value.filter(|&max| n > max) {
        return Some((
            format!(
                "{value} is above the maximum {max} of field {:?}",
                field.name
            ),
            None,
        ));
    }
    None
}

fn is_integer(s: &str) -> bool {
    let digits = s.strip_prefix('-').unwrap_or(s);
    !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
}

/// A decimal number: digits with an optional sign, point and exponent (no inf or NaN).
fn is_decimal(s: &str) -> bool {
    let s = s.strip_prefix(['-', '+']).unwrap_or(s);
    let (mantissa, exponent) = match s.find(['e', 'E']) {
        Some(i) => (&s[..i], Some(&s[i + 1..])),
        None => (s, None),
    };
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digits = |p: &str| p.bytes().all(|b| b.is_ascii_digit());
    let mantissa_ok = !(int.is_empty() && frac.is_empty()) && digits(int) && digits(frac);
    let exponent_ok = exponent.is_none_or(|e| {
        let e = e.strip_prefix(['-', '+']).unwrap_or(e);
        !e.is_empty() && digits(e)
    });
    mantissa_ok && exponent_ok
}

fn is_email(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    let labels_ok = domain.split('.').count() >= 2 && domain.split('.').all(|l| !l.is_empty());
    !local.is_empty()
        && !domain.contains('@')
        && labels_ok
        && !s.contains(|c: char| c.is_whitespace() || c.is_control())
}

fn is_url(s: &str) -> bool {
    let Some((scheme, rest)) = s.split_once("://") else {
        return false;
    };
    let mut chars = scheme.chars();
    let scheme_ok = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    scheme_ok && !host.is_empty() && !s.contains(|c: char| c.is_whitespace() || c.is_control())
}

fn judge(field: &ViewField, value: &str) -> Option<(String, Option<String>)> {
    let name = &field.name;
    match &field.field_type {
        FieldType::Integer => {
            if !is_integer(value) {
                return Some((
                    format!("{value:?} is not an integer (field {name:?})"),
                    None,
                ));
            }
            number_bounds(field, value.parse::<f64>().ok()?, value)
        }
        FieldType::Float => {
            if !is_decimal(value) {
                return Some((format!("{value:?} is not a number (field {name:?})"), None));
            }
            number_bounds(field, value.parse::<f64>().ok()?, value)
        }
        FieldType::Boolean => (value != "true" && value != "false").then(|| {
            (
                format!("{value:?} is not a boolean (field {name:?})"),
                Some("write true or false".to_owned()),
            )
        }),
        FieldType::Date => parse_date(value).is_err().then(|| {
            (
                format!("{value:?} is not a date in the form YYYY-MM-DD (field {name:?})"),
                Some(date_help(value)),
            )
        }),
        FieldType::Datetime => parse_rfc3339(value).is_err().then(|| {
            (
                format!("{value:?} is not an RFC 3339 date-time (field {name:?})"),
                Some("e.g. 2026-03-02T09:14:07+01:00".to_owned()),
            )
        }),
        FieldType::Email => (!is_email(value)).then(|| {
            (
                format!("{value:?} is not an email address (field {name:?})"),
                None,
            )
        }),
        FieldType::Url => (!is_url(value)).then(|| {
            (
                format!("{value:?} is not a URL (field {name:?})"),
                Some("a URL starts with its scheme, e.g. https://".to_owned()),
            )
        }),
        FieldType::DropDown => drop_down(field, value),
        FieldType::String
        | FieldType::StringExact
        | FieldType::Text
        | FieldType::TagCloud
        | FieldType::Other(_) => None,
    }
}

/// What to write instead of a date presetlint does not take. iconik's documentation does not
/// say which forms a date field takes from a sidecar, so the help says so rather than claim
/// iconik refuses it; OffShoot's own `{Date}` (YYYYMMDD) is shown as the date it stands for.
fn date_help(value: &str) -> String {
    let unknown = "iconik's documentation does not say which date forms its gateway takes; presetlint asks for ISO 8601's YYYY-MM-DD";
    let b = value.as_bytes();
    if b.len() == 8 && b.iter().all(u8::is_ascii_digit) {
        let iso = format!("{}-{}-{}", &value[..4], &value[4..6], &value[6..]);
        if parse_date(&iso).is_ok() {
            return format!(
                "OffShoot writes {{Date}} as YYYYMMDD; as a date this is {iso} ({unknown})"
            );
        }
    }
    unknown.to_owned()
}

fn drop_down(field: &ViewField, value: &str) -> Option<(String, Option<String>)> {
    // Options iconik fetches from a URL are not in the view: no value can be judged.
    if field.options_url.is_some() || field.options.iter().any(|o| o.value == value) {
        return None;
    }
    let message = format!(
        "{value:?} is not one of the values of drop-down field {:?}",
        field.name
    );
    let by_label = field
        .options
        .iter()
        .find(|o| crate::base::text::eq_ignoring_case(&o.label, value));
    let help = match by_label {
        Some(option) => format!("that is a label; the value is {:?}", option.value),
        None if field.options.is_empty() => "the view lists no options for it".to_owned(),
        None => format!(
            "the values are {}",
            field
                .options
                .iter()
                .map(|o| format!("{:?}", o.value))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    Some((message, Some(help)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::view::View;

    fn view() -> View {
        View::parse(
            "v",
            include_bytes!("../../../tests/fixtures/iconik-view.json").to_vec(),
        )
        .unwrap()
    }

    fn judge_one(field: &str, values: &[&str]) -> Vec<String> {
        let view = view();
        misfits(view.field(field).unwrap(), values)
            .into_iter()
            .map(|m| match m.help {
                Some(help) => format!("{} / {help}", m.message),
                None => m.message,
            })
            .collect()
    }

    #[test]
    fn every_type() {
        assert_eq!(judge_one("season", &["3"]), Vec::<String>::new());
        assert_eq!(
            judge_one("season", &["3.5"]),
            ["\"3.5\" is not an integer (field \"season\")"]
        );
        assert_eq!(
            judge_one("season", &["0"]),
            ["0 is below the minimum 1 of field \"season\""]
        );
        assert_eq!(
            judge_one("shoot_day", &["400"]),
            ["400 is above the maximum 365 of field \"shoot_day\""]
        );
        assert_eq!(
            judge_one("hdr", &["yes"]),
            ["\"yes\" is not a boolean (field \"hdr\") / write true or false"]
        );
        assert_eq!(judge_one("hdr", &["false"]), Vec::<String>::new());
        assert_eq!(
            judge_one("shoot_date", &["24/12/2021"]),
            [
                "\"24/12/2021\" is not a date in the form YYYY-MM-DD (field \"shoot_date\") / iconik's documentation does not say which date forms its gateway takes; presetlint asks for ISO 8601's YYYY-MM-DD"
            ]
        );
        assert_eq!(
            judge_one("shoot_date", &["20211224"]),
            [
                "\"20211224\" is not a date in the form YYYY-MM-DD (field \"shoot_date\") / OffShoot writes {Date} as YYYYMMDD; as a date this is 2021-12-24 (iconik's documentation does not say which date forms its gateway takes; presetlint asks for ISO 8601's YYYY-MM-DD)"
            ]
        );
        assert_eq!(
            judge_one("camera", &["A Camera"]),
            [
                "\"A Camera\" is not one of the values of drop-down field \"camera\" / that is a label; the value is \"A\""
            ]
        );
        assert_eq!(
            judge_one("camera", &["C"]),
            [
                "\"C\" is not one of the values of drop-down field \"camera\" / the values are \"A\", \"B\", \"DRN\""
            ]
        );
        assert_eq!(
            judge_one("camera", &["A", "B"]),
            ["field \"camera\" takes one value (multi is false), and 2 are given"]
        );
        assert_eq!(judge_one("keywords", &["a", "b"]), Vec::<String>::new());
        assert_eq!(
            judge_one("supervisor_email", &["ana@studio.example"]),
            Vec::<String>::new()
        );
        assert_eq!(
            judge_one("supervisor_email", &["ana@studio"]),
            ["\"ana@studio\" is not an email address (field \"supervisor_email\")"]
        );
    }

    #[test]
    fn number_shapes() {
        for good in ["1", "-1.5", "+2e10", ".5", "5.", "1E-3"] {
            assert!(is_decimal(good), "{good}");
        }
        for bad in ["", ".", "inf", "NaN", "1e", "1.2.3", "0x10", " 1"] {
            assert!(!is_decimal(bad), "{bad}");
        }
        assert!(is_integer("-12") && !is_integer("+") && !is_integer("1_000"));
    }

    #[test]
    fn urls_and_emails() {
        assert!(is_url("https://iconik.io/x?y#z") && is_url("s3+x://bucket"));
        for bad in ["iconik.io", "https://", "1http://x", "https://a b"] {
            assert!(!is_url(bad), "{bad}");
        }
        for bad in ["@x.y", "a@@x.y", "a@x..y", "a b@x.y", "a@x."] {
            assert!(!is_email(bad), "{bad}");
        }
    }
}
