//! Date literals as front matter writes them, read strictly enough to catch `2025-02-30`.
//!
//! Accepted: `YYYY-MM-DD`, optionally followed by `T` or a space and `HH:MM`, optional
//! `:SS` and fraction, and an optional offset (`Z`, `+02:00`, `+0200`, ` +0200`). That covers
//! Astro, Hugo, Jekyll, Eleventy and Zola. Only the calendar date is compared: two datetimes
//! on the same day in different offsets are not worth a warning.

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct CivilDate {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

impl std::fmt::Display for CivilDate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

fn digits(s: &str) -> Option<u32> {
    (!s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse().ok()).flatten()
}

impl CivilDate {
    /// The date `days` after 1970-01-01 (Howard Hinnant's civil-from-days), so the caller can
    /// pass today's date in from the clock without this module reading it.
    pub fn from_unix_days(days: i64) -> CivilDate {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        CivilDate { year, month, day }
    }

    /// Reads `YYYY-MM-DD`.
    pub fn parse_day(s: &str) -> Option<CivilDate> {
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let year = digits(&s[..4])? as i32;
        let month = digits(&s[5..7])?;
        let day = digits(&s[8..10])?;
        (day >= 1 && day <= days_in_month(year, month)).then_some(CivilDate { year, month, day })
    }
}

/// Reads a date or datetime literal; None when it is not one (or names no real day or time).
pub fn parse(s: &str) -> Option<CivilDate> {
    let s = s.trim();
    let date = CivilDate::parse_day(s.get(..10)?)?;
    let rest = &s[10..];
    if rest.is_empty() {
        return Some(date);
    }
    let time = rest.strip_prefix(['T', 't', ' '])?;
    let (clock, offset) = match time.find(['Z', 'z', '+', '-', ' ']) {
        Some(i) => time.split_at(i),
        None => (time, ""),
    };
    let mut parts = clock.split(':');
    let hour = digits(parts.next()?)?;
    let minute = digits(parts.next()?)?;
    let second = match parts.next() {
        Some(sec) => {
            let whole = sec.split('.').next()?;
            let fraction_ok = sec.split('.').nth(1).is_none_or(|f| digits(f).is_some() || f.len() > 9);
            if !fraction_ok || whole.len() != 2 {
                return None;
            }
            digits(whole)?
        }
        None => 0,
    };
    if parts.next().is_some() || hour > 23 || minute > 59 || second > 60 {
        return None;
    }
    let offset = offset.trim_start();
    let offset_ok = offset.is_empty()
        || offset.eq_ignore_ascii_case("z")
        || offset.strip_prefix(['+', '-']).is_some_and(|o| {
            let o = o.replace(':', "");
            o.len() == 4 && digits(&o).is_some_and(|n| n / 100 <= 23 && n % 100 <= 59)
        });
    offset_ok.then_some(date)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literals() {
        let d = |y, m, day| Some(CivilDate { year: y, month: m, day });
        let cases = [
            ("2025-06-27", d(2025, 6, 27)),
            ("2024-02-29", d(2024, 2, 29)),
            ("2025-02-29", None),
            ("2025-13-01", None),
            ("2025-06-27T10:00:00Z", d(2025, 6, 27)),
            ("2025-06-27T10:00Z", d(2025, 6, 27)),
            ("2025-06-27T10:00:00.123+02:00", d(2025, 6, 27)),
            ("2025-06-27 10:00:00 +0200", d(2025, 6, 27)),
            ("2025-06-27T25:00:00Z", None),
            ("2025-06-27T10:00:00+2", None),
            ("27/06/2025", None),
            ("2025-6-27", None),
            ("soon", None),
            ("", None),
            ("2025-06-2é", None),
        ];
        for (text, want) in cases {
            assert_eq!(parse(text), want, "{text}");
        }
    }

    #[test]
    fn days_since_the_epoch() {
        assert_eq!(CivilDate::from_unix_days(0).to_string(), "1970-01-01");
        assert_eq!(CivilDate::from_unix_days(20_454).to_string(), "2026-01-01");
        assert_eq!(CivilDate::from_unix_days(19_782).to_string(), "2024-02-29");
        assert_eq!(CivilDate::from_unix_days(-1).to_string(), "1969-12-31");
    }
}
