//! HTTP for the watch: blocking `ureq`, every request bounded in time, redirects
//! and body size, conditional on the validators stored, polite to each host.

use std::collections::HashMap;
use std::time::{Duration, Instant};

/// Limits of every request.
#[derive(Debug, Clone)]
pub struct Limits {
    /// The whole request, connection to last byte.
    pub timeout: Duration,
    /// Bytes of a body after decompression.
    pub max_body: u64,
    /// Redirects followed before giving up.
    pub max_redirects: u32,
    /// Between two requests to one host.
    pub host_delay: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            timeout: Duration::from_secs(30),
            max_body: 16 << 20,
            max_redirects: 5,
            host_delay: Duration::from_secs(1),
        }
    }
}

/// What a conditional GET brought.
#[derive(Debug)]
pub enum Fetched {
    /// 304: nothing changed since the validators were served.
    NotModified,
    /// 200: the body and the validators that came with it, exactly as served.
    Body {
        /// The URL the body came from, after redirects.
        url: String,
        /// The `charset` of its `Content-Type`, if it names one.
        charset: Option<String>,
        /// Its `Content-Type`.
        content_type: Option<String>,
        /// The body, decompressed.
        bytes: Vec<u8>,
        /// `ETag`.
        etag: Option<String>,
        /// `Last-Modified`.
        last_modified: Option<String>,
    },
    /// 429 or 503 with the wait the server asked for.
    RetryAfter(Duration, String),
}

/// One agent for a run; requests go one at a time.
pub struct Fetcher {
    agent: ureq::Agent,
    limits: Limits,
    /// Unix seconds: the run's time, that a `Retry-After` date is counted from.
    now: i64,
    last_request: HashMap<String, Instant>,
}

impl Fetcher {
    /// An agent that keeps `limits`, for a run at `now` (Unix seconds).
    pub fn new(limits: Limits, now: i64) -> Fetcher {
        let agent = ureq::Agent::config_builder()
            .timeout_global(Some(limits.timeout))
            .max_redirects(limits.max_redirects)
            .user_agent(concat!("dupdrift/", env!("CARGO_PKG_VERSION")))
            .http_status_as_error(false)
            .build()
            .into();
        Fetcher {
            agent,
            limits,
            now,
            last_request: HashMap::new(),
        }
    }

    /// GETs `url`, replaying `etag` and `last_modified` as `If-None-Match` and
    /// `If-Modified-Since`; an error says what went wrong in words.
    pub fn get(
        &mut self,
        url: &str,
        etag: Option<&str>,
        last_modified: Option<&str>,
    ) -> Result<Fetched, String> {
        self.wait_for_host(url);
        let mut req = self.agent.get(url);
        if let Some(etag) = etag {
            req = req.header("If-None-Match", etag);
        }
        if let Some(lm) = last_modified {
            req = req.header("If-Modified-Since", lm);
        }
        let mut resp = req.call().map_err(describe)?;
        let status = resp.status().as_u16();
        let header = |name: &str| {
            resp.headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_string)
        };
        match status {
            304 => Ok(Fetched::NotModified),
            200..=299 => {
                let (etag, last_modified) = (header("etag"), header("last-modified"));
                let content_type = header("content-type");
                let charset = content_type.as_deref().and_then(charset);
                let url = {
                    use ureq::ResponseExt;
                    resp.get_uri().to_string()
                };
                let bytes = resp
                    .body_mut()
                    .with_config()
                    .limit(self.limits.max_body)
                    .read_to_vec()
                    .map_err(|e| match e {
                        ureq::Error::BodyExceedsLimit(n) => {
                            format!("body larger than the limit of {n} bytes")
                        }
                        other => describe(other),
                    })?;
                Ok(Fetched::Body {
                    url,
                    charset,
                    content_type,
                    bytes,
                    etag,
                    last_modified,
                })
            }
            429 | 503 => {
                // Seconds or an HTTP date; nothing (or nonsense) waits ten minutes.
                let wait = header("retry-after")
                    .and_then(|v| retry_after(&v, self.now))
                    .unwrap_or(600);
                Ok(Fetched::RetryAfter(
                    Duration::from_secs(wait),
                    format!("HTTP {status}: the server asks to retry after {wait} s"),
                ))
            }
            _ => Err(format!("HTTP {status}")),
        }
    }

    /// Sleeps until the host of `url` may be asked again.
    fn wait_for_host(&mut self, url: &str) {
        let host = url
            .split("://")
            .nth(1)
            .and_then(|r| r.split('/').next())
            .unwrap_or(url)
            .to_ascii_lowercase();
        if let Some(last) = self.last_request.get(&host) {
            let since = last.elapsed();
            if since < self.limits.host_delay {
                std::thread::sleep(self.limits.host_delay - since);
            }
        }
        self.last_request.insert(host, Instant::now());
    }
}

/// The seconds a `Retry-After` value asks to wait at `now`: a number of seconds,
/// or an HTTP date (a date past waits nothing).
fn retry_after(value: &str, now: i64) -> Option<u64> {
    let value = value.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(seconds);
    }
    // IMF-fixdate ("Wed, 21 Oct 2026 07:28:00 GMT") is RFC 2822 with "GMT".
    let date = chrono::DateTime::parse_from_rfc2822(value).ok()?;
    Some(date.timestamp().saturating_sub(now).max(0) as u64)
}

/// The `charset` parameter of a `Content-Type` value.
fn charset(content_type: &str) -> Option<String> {
    content_type.split(';').skip(1).find_map(|p| {
        let (name, value) = p.split_once('=')?;
        name.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| value.trim().trim_matches('"').to_string())
    })
}

fn describe(e: ureq::Error) -> String {
    match e {
        ureq::Error::Timeout(_) => "timed out".into(),
        ureq::Error::TooManyRedirects => "too many redirects (a redirect loop?)".into(),
        ureq::Error::Io(e) => format!("connection failed: {e}"),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_after_takes_seconds_and_http_dates() {
        let now = chrono::DateTime::parse_from_rfc2822("Wed, 21 Oct 2026 07:28:00 GMT")
            .unwrap()
            .timestamp();
        assert_eq!(retry_after(" 120 ", now), Some(120));
        assert_eq!(
            retry_after("Wed, 21 Oct 2026 08:28:00 GMT", now),
            Some(3600)
        );
        assert_eq!(retry_after("Wed, 21 Oct 2026 06:00:00 GMT", now), Some(0));
        assert_eq!(retry_after("soon", now), None);
    }

    #[test]
    fn the_charset_is_read_from_the_content_type() {
        assert_eq!(
            charset("application/rss+xml; charset=\"ISO-8859-1\"").as_deref(),
            Some("ISO-8859-1")
        );
        assert_eq!(charset("text/html;CHARSET=utf-8").as_deref(), Some("utf-8"));
        assert_eq!(charset("text/html"), None);
    }
}
