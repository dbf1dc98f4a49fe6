//! Dates for the built-in elements (`{Date}`, `{YYYY}` ... `{ss}`) and for checking `date` and
//! `datetime` values against a view. Parsed by hand: the two shapes presetlint accepts are
//! small and exact, and a calendar crate would be a heavy dependency for them.
//!
//! The digits written are the wall-clock digits as given: `2026-03-02T23:30:00-08:00` gives
//! `{Date}` 20260302, the day the crew lived, not a conversion to UTC.

use std::fmt;

/// A calendar date with an optional wall-clock time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateTime {
    pub year: u16,
    pub month: u8,
    pub day: u8,
    /// `None` for a date given as `YYYY-MM-DD`: the time tokens then have no value.
    pub time: Option<Time>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Time {
    pub hour: u8,
    pub minute: u8,
    /// 0 to 60: RFC 3339 allows a leap second.
    pub second: u8,
}

impl fmt::Display for DateTime {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)?;
        if let Some(t) = self.time {
            write!(f, " {:02}:{:02}:{:02}", t.hour, t.minute, t.second)?;
        }
        Ok(())
    }
}

fn is_leap(year: u16) -> bool {
    (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400)
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 31,
    }
}

/// `n` ASCII digits as a number; `None` when any is not a digit.
fn digits(s: &[u8]) -> Option<u32> {
    s.iter().try_fold(0u32, |acc, &b| {
        b.is_ascii_digit().then(|| acc * 10 + u32::from(b - b'0'))
    })
}

/// A `YYYY-MM-DD` date (the whole string), with the month and day checked against the calendar.
pub(crate) fn parse_date(s: &str) -> Result<DateTime, String> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return Err(format!("{s:?} is not a date in the form YYYY-MM-DD"));
    }
    let (Some(year), Some(month), Some(day)) = (digits(&b[..4]), digits(&b[5..7]), digits(&b[8..]))
    else {
        return Err(format!("{s:?} is not a date in the form YYYY-MM-DD"));
    };
    let (year, month, day) = (year as u16, month as u8, day as u8);
    if !(1..=12).contains(&month) {
        return Err(format!("{s:?} has no month {month}"));
    }
    if day == 0 || day > days_in_month(year, month) {
        return Err(format!("{s:?}: {year:04}-{month:02} has no day {day}"));
    }
    Ok(DateTime {
        year,
        month,
        day,
        time: None,
    })
}

/// An RFC 3339 date-time (`2026-03-02T09:14:07Z`, `2026-03-02t09:14:07.25+01:00`; a space may
/// stand for the `T`, as RFC 3339 allows). The offset is checked but not applied.
pub(crate) fn parse_rfc3339(s: &str) -> Result<DateTime, String> {
    let bad = || format!("{s:?} is not an RFC 3339 date-time such as 2026-03-02T09:14:07+01:00");
    if s.len() < 20 || !s.is_char_boundary(10) || !s.is_ascii() {
        return Err(bad());
    }
    let mut date = parse_date(&s[..10]).map_err(|_| bad())?;
    let b = s.as_bytes();
    if !matches!(b[10], b'T' | b't' | b' ') || b[13] != b':' || b[16] != b':' {
        return Err(bad());
    }
    let (Some(hour), Some(minute), Some(second)) =
        (digits(&b[11..13]), digits(&b[14..16]), digits(&b[17..19]))
    else {
        return Err(bad());
    };
    if hour > 23 || minute > 59 || second > 60 {
        return Err(format!(
            "{s:?} has no time {hour:02}:{minute:02}:{second:02}"
        ));
    }
    let mut rest = &b[19..];
    if let Some(frac) = rest.strip_prefix(b".") {
        let n = frac.iter().take_while(|c| c.is_ascii_digit()).count();
        if n == 0 {
            return Err(bad());
        }
        rest = &frac[n..];
    }
    let offset_ok = match rest {
        b"Z" | b"z" => true,
        [b'+' | b'-', h1, h2, b':', m1, m2] => {
            matches!((digits(&[*h1, *h2]), digits(&[*m1, *m2])), (Some(h), Some(m)) if h <= 23 && m <= 59)
        }
        _ => false,
    };
    if !offset_ok {
        return Err(bad());
    }
    date.time = Some(Time {
        hour: hour as u8,
        minute: minute as u8,
        second: second as u8,
    });
    Ok(date)
}

/// `--date`: RFC 3339 or `YYYY-MM-DD`.
pub fn parse_date_arg(s: &str) -> Result<DateTime, String> {
    if s.len() == 10 {
        parse_date(s)
    } else {
        parse_rfc3339(s)
    }
}

/// The current local date and time, in the system's time zone as jiff finds it (`TZ`,
/// /etc/localtime, or Windows' own setting): the same on every platform, with no `unsafe`.
pub fn now_local() -> DateTime {
    civil(&jiff::ZonedDateTime::now())
}

/// Seconds since 1970 to a UTC date-time (for the tests of [`civil`]).
#[cfg(test)]
fn from_unix_utc(secs: i64) -> DateTime {
    let at = jiff::Timestamp::from_second(secs).unwrap_or(jiff::Timestamp::UNIX_EPOCH);
    civil(&at.to_zoned_datetime(jiff::tz::TimeZone::UTC))
}

fn civil(at: &jiff::ZonedDateTime) -> DateTime {
    DateTime {
        year: at.year().clamp(0, 9999) as u16,
        month: at.month() as u8,
        day: at.day() as u8,
        time: Some(Time {
            hour: at.hour() as u8,
            minute: at.minute() as u8,
            second: at.second() as u8,
        }),
    }
}

/// The built-in date and time elements and their values for a date: `Date` (YYYYMMDD),
/// `YYYY`, `YY`, `MM`, `DD`, and `hh`, `mm`, `ss` when the date has a time.
pub(crate) fn builtin_values(d: &DateTime) -> Vec<(&'static str, String)> {
    let mut out = vec![
        ("Date", format!("{:04}{:02}{:02}", d.year, d.month, d.day)),
        ("YYYY", format!("{:04}", d.year)),
        ("YY", format!("{:02}", d.year % 100)),
        ("MM", format!("{:02}", d.month)),
        ("DD", format!("{:02}", d.day)),
    ];
    if let Some(t) = d.time {
        out.push(("hh", format!("{:02}", t.hour)));
        out.push(("mm", format!("{:02}", t.minute)));
        out.push(("ss", format!("{:02}", t.second)));
    }
    out
}

/// OffShoot's Transfer Log writes dates as `24/12/2021`; its sidecars as `20211224`.
pub(crate) fn transfer_log_date(s: &str) -> Option<String> {
    let b = s.as_bytes();
    if b.len() != 10 || b[2] != b'/' || b[5] != b'/' {
        return None;
    }
    let iso = format!("{}-{}-{}", &s[6..10], &s[3..5], &s[..2]);
    let d = parse_date(&iso).ok()?;
    Some(format!("{:04}{:02}{:02}", d.year, d.month, d.day))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_follow_the_calendar() {
        assert_eq!(parse_date("2024-02-29").unwrap().day, 29);
        assert_eq!(
            parse_date("2023-02-29").unwrap_err(),
            "\"2023-02-29\": 2023-02 has no day 29"
        );
        assert_eq!(
            parse_date("1900-02-29").unwrap_err(),
            "\"1900-02-29\": 1900-02 has no day 29"
        );
        assert!(parse_date("2000-02-29").is_ok());
        assert_eq!(
            parse_date("2026-13-01").unwrap_err(),
            "\"2026-13-01\" has no month 13"
        );
        assert_eq!(
            parse_date("2026-04-31").unwrap_err(),
            "\"2026-04-31\": 2026-04 has no day 31"
        );
        for bad in [
            "2026-1-01",
            "20260101",
            "2026/01/01",
            "2026-01-0a",
            "2026-01-01 ",
            "٢٠٢٦-01-01",
        ] {
            assert!(parse_date(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn rfc3339() {
        let d = parse_rfc3339("2026-03-02T23:30:05-08:00").unwrap();
        assert_eq!(d.to_string(), "2026-03-02 23:30:05");
        assert!(parse_rfc3339("2026-03-02t09:14:07.123456Z").is_ok());
        assert!(parse_rfc3339("2026-03-02 09:14:07z").is_ok());
        assert!(parse_rfc3339("2016-12-31T23:59:60Z").is_ok());
        for bad in [
            "2026-03-02T09:14:07",
            "2026-03-02T24:00:00Z",
            "2026-03-02T09:60:00Z",
            "2026-03-02T09:14:07+0100",
            "2026-03-02T09:14:07+24:00",
            "2026-03-02T09:14:07.Z",
            "2026-03-02T9:14:07Z",
            "2026-02-30T09:14:07Z",
            "2026-03-02T09:14:07Zjunk",
            "2026-03-02é09:14:07Z",
        ] {
            assert!(parse_rfc3339(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn builtins_from_a_date() {
        let d = parse_date_arg("2021-12-24T08:05:09+01:00").unwrap();
        let values: Vec<String> = builtin_values(&d)
            .into_iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect();
        assert_eq!(
            values,
            [
                "Date=20211224",
                "YYYY=2021",
                "YY=21",
                "MM=12",
                "DD=24",
                "hh=08",
                "mm=05",
                "ss=09"
            ]
        );
        assert_eq!(
            builtin_values(&parse_date_arg("2021-12-24").unwrap()).len(),
            5
        );
    }

    #[test]
    fn unix_seconds_to_utc() {
        assert_eq!(from_unix_utc(0).to_string(), "1970-01-01 00:00:00");
        assert_eq!(
            from_unix_utc(951_782_400).to_string(),
            "2000-02-29 00:00:00"
        );
        assert_eq!(
            from_unix_utc(1_772_442_847).to_string(),
            "2026-03-02 09:14:07"
        );
        assert_eq!(from_unix_utc(-1).to_string(), "1969-12-31 23:59:59");
    }

    #[test]
    fn now_is_a_real_date() {
        let now = now_local();
        assert!(now.year >= 2024 && (1..=12).contains(&now.month));
        assert!(parse_date(&format!("{:04}-{:02}-{:02}", now.year, now.month, now.day)).is_ok());
    }

    #[test]
    fn transfer_log_dates() {
        assert_eq!(transfer_log_date("24/12/2021").as_deref(), Some("20211224"));
        assert_eq!(transfer_log_date("31/02/2021"), None);
        assert_eq!(transfer_log_date("2021-12-24"), None);
    }
}
