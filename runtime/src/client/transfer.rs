//! Streamed transfers, in memory bounded whatever the content's size: a
//! download written to any `AsyncWrite` as it arrives, resumed with `Range`
//! where its connection broke, and an upload read from any `AsyncRead` in
//! chunks, each sent as a request of its own with its `Content-Range`.

use std::time::Duration;

use http::header::{
    ACCEPT_ENCODING, ACCEPT_RANGES, CONTENT_ENCODING, CONTENT_RANGE, ETAG, HeaderValue, IF_RANGE,
    LAST_MODIFIED, RANGE,
};
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};

use super::{Client, DEFAULT_TIMEOUT, Reply, refuse_insecure_when, resolved_loopback};
use crate::{Auth, Endpoint, Error, ResponseInfo, TokenSource, TransportErrorKind};

/// What a streamed download wrote.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Downloaded {
    /// The bytes written to the sink.
    pub bytes: u64,
    /// How many times the download went on with `Range` after its connection
    /// broke.
    pub resumed: u32,
}

/// How many times in a row a download tries to resume without a byte
/// coming in between.
const RESUMES_WITHOUT_PROGRESS: u32 = 3;

/// A transfer's requests have no total timeout (a large body takes as long
/// as it takes): the HTTP client's is replaced by this, and a transfer gives
/// up only when no byte moves for the client's per-attempt timeout.
const NO_TOTAL_TIMEOUT: Duration = Duration::from_secs(7 * 24 * 3600);

impl Client {
    /// Sends `request` to endpoint `E` and writes the body of its successful
    /// answer to `sink` as it arrives, whatever its size: the client's
    /// download limit does not apply, and no more than a few network
    /// buffers are held in memory. For endpoints whose success is a binary
    /// body (a content); an answer that is not a success is decoded as
    /// [`send`](Client::send) decodes it (the API's error), and nothing is
    /// written.
    ///
    /// The body is asked for as it is stored (`Accept-Encoding: identity`).
    /// When the connection breaks partway, or no byte comes for the
    /// client's per-attempt timeout (30 s unless the client is your own
    /// reqwest client), the download goes on from the first byte missing
    /// with `Range` (and `If-Range`, when the server named the content's
    /// version), if the server said it serves ranges: `206 Partial
    /// Content`, or `Accept-Ranges: bytes`. A request's own `Range` (a part
    /// of the content) is kept: the download resumes within it. Three
    /// attempts in a row that bring no byte end it with the error.
    ///
    /// The reply holds the status and headers of the first answer. An
    /// endpoint with `auth: bearer` needs
    /// [`download_with`](Client::download_with).
    pub async fn download<E: Endpoint, W: AsyncWrite + Unpin + ?Sized>(
        &self,
        request: &E::Request,
        sink: &mut W,
    ) -> Result<Reply<Downloaded>, Error> {
        if E::METADATA.auth == Auth::Bearer {
            return Err(Error::Refused {
                reason: format!(
                    "endpoint `{}` needs a bearer token; download with `Client::download_with` and a token source (a `TokenProvider`)",
                    E::METADATA.name
                ),
            });
        }
        self.download_from::<E, W>(request, None, sink).await
    }

    /// [`download`](Client::download) with `Authorization: Bearer <token>`
    /// from `tokens`, as [`send_with`](Client::send_with) sends it.
    pub async fn download_with<E: Endpoint, W: AsyncWrite + Unpin + ?Sized>(
        &self,
        tokens: &dyn TokenSource,
        request: &E::Request,
        sink: &mut W,
    ) -> Result<Reply<Downloaded>, Error> {
        self.download_from::<E, W>(request, Some(tokens), sink)
            .await
    }

    async fn download_from<E: Endpoint, W: AsyncWrite + Unpin + ?Sized>(
        &self,
        request: &E::Request,
        tokens: Option<&dyn TokenSource>,
        sink: &mut W,
    ) -> Result<Reply<Downloaded>, Error> {
        let (encoded, secrets) = self.outgoing(E::encode_request(request, &self.base_url)?, None);
        let mut result = self.download_encoded::<E, W>(encoded, tokens, sink).await;
        if let Err(error) = &mut result {
            error.scrub(&secrets);
            if let Some(tokens) = tokens {
                error.scrub(&tokens.secrets());
            }
        }
        result
    }

    async fn download_encoded<E: Endpoint, W: AsyncWrite + Unpin + ?Sized>(
        &self,
        mut template: reqwest::Request,
        tokens: Option<&dyn TokenSource>,
        sink: &mut W,
    ) -> Result<Reply<Downloaded>, Error> {
        refuse_insecure_when(&self.base_url, self.allow_insecure_http, || {
            self.base_url_proxied
        })?;
        resolved_loopback(&self.base_url, self.allow_insecure_http).await?;
        // Ranges count the bytes as stored; a compressed body could not be
        // resumed by them.
        template
            .headers_mut()
            .insert(ACCEPT_ENCODING, HeaderValue::from_static("identity"));
        let asked = template
            .headers()
            .get(RANGE)
            .map(|value| asked_range(value.as_bytes()));
        *template.timeout_mut() = Some(NO_TOTAL_TIMEOUT);
        let idle = self.attempt_timeout.unwrap_or(DEFAULT_TIMEOUT);

        let first = template.try_clone().ok_or_else(no_clone)?;
        let mut response = self.transfer_once(first, tokens, idle).await?;
        let status = response.status();
        let info = ResponseInfo::from_headers(status, response.headers());
        if !status.is_success() {
            return Err(self.refusal::<E>(response, info).await);
        }
        let headers = response.headers().clone();
        if let Some(coding) = headers.get(CONTENT_ENCODING)
            && coding.as_bytes() != b"identity"
        {
            return Err(Error::Transfer {
                bytes: 0,
                problem: format!(
                    "the server sent the body encoded (`{}`) though asked for it as stored; \
                     it cannot be written as it arrives",
                    String::from_utf8_lossy(coding.as_bytes())
                ),
                response: Some(info),
            });
        }
        // Where the body starts in the content, and its last byte if known.
        let (start, end) = match status.as_u16() {
            206 => match headers.get(CONTENT_RANGE).and_then(served_range) {
                Some((from, to)) => (from, Some(to)),
                None => (0, None),
            },
            _ => (0, response.content_length().and_then(|n| n.checked_sub(1))),
        };
        let resumable = match asked {
            // A range the client cannot go on within (a suffix, several).
            Some(None) => false,
            _ => {
                status.as_u16() == 206
                    || headers
                        .get(ACCEPT_RANGES)
                        .is_some_and(|value| value.as_bytes().eq_ignore_ascii_case(b"bytes"))
            }
        };
        // `If-Range`: the rest must be of the same version of the content.
        let version = headers
            .get(ETAG)
            .filter(|tag| !tag.as_bytes().starts_with(b"W/"))
            .or_else(|| headers.get(LAST_MODIFIED))
            .cloned();

        let mut written = 0u64;
        let mut resumed = 0u32;
        let mut stalled = 0u32;
        loop {
            let before = written;
            let mut broken = match pour(&mut response, sink, &mut written, idle, &info).await {
                Ok(()) => match end {
                    Some(end) if start + written <= end => Error::Transport {
                        kind: TransportErrorKind::Reset,
                        message: format!(
                            "the body ended after {written} of {} bytes",
                            end - start + 1
                        ),
                        response: Some(info.clone()),
                    },
                    _ => break,
                },
                Err(Poured::Broken(error)) => error,
                Err(Poured::Sink(error)) => return Err(error),
            };
            if written > before {
                stalled = 0;
            }
            let from = start + written;
            let range = match end {
                Some(end) => format!("bytes={from}-{end}"),
                None => format!("bytes={from}-"),
            };
            let range = HeaderValue::from_str(&range).expect("digits and ASCII only");
            // Attempts to go on, until one answers or too many bring nothing.
            response = loop {
                stalled += 1;
                if !resumable || stalled > RESUMES_WITHOUT_PROGRESS {
                    return Err(broken);
                }
                tracing::info!(error = %broken, bytes = written, "the download broke; resuming");
                tokio::time::sleep(Duration::from_millis(100 << stalled.min(4))).await;
                let mut next = template.try_clone().ok_or_else(no_clone)?;
                next.headers_mut().insert(RANGE, range.clone());
                if let Some(version) = &version {
                    next.headers_mut().insert(IF_RANGE, version.clone());
                }
                match self.transfer_once(next, tokens, idle).await {
                    Ok(response) => break response,
                    Err(error @ Error::Transport { .. }) => broken = error,
                    Err(error) => return Err(error),
                }
            };
            let went_on = response.status().as_u16() == 206
                && response
                    .headers()
                    .get(CONTENT_RANGE)
                    .and_then(served_range)
                    .is_some_and(|(first, _)| first == from);
            if !went_on {
                let answer = response.status();
                return Err(Error::Transfer {
                    bytes: written,
                    problem: format!(
                        "the connection broke, and the server did not go on at byte {from}: \
                         it answered {answer} to `Range: bytes={from}-`{}",
                        if answer.as_u16() == 200 {
                            " with the whole content (it changed, or ignores ranges)"
                        } else {
                            ""
                        }
                    ),
                    response: Some(ResponseInfo::from_headers(answer, response.headers())),
                });
            }
            resumed += 1;
        }
        sink.flush().await.map_err(|error| Error::Transfer {
            bytes: written,
            problem: format!("cannot write the content: {error}"),
            response: Some(info.clone()),
        })?;
        Ok(Reply::new(
            Downloaded {
                bytes: written,
                resumed,
            },
            info,
            headers,
        ))
    }

    /// One request of a transfer, with its answer's headers within `idle`.
    async fn transfer_once(
        &self,
        request: reqwest::Request,
        tokens: Option<&dyn TokenSource>,
        idle: Duration,
    ) -> Result<reqwest::Response, Error> {
        let sent = async {
            match tokens {
                Some(tokens) => tokens.send_authorized(&self.http, request).await,
                None => self
                    .http
                    .execute(request)
                    .await
                    .map_err(|error| super::transport(error, None)),
            }
        };
        tokio::time::timeout(idle, sent).await.unwrap_or_else(|_| {
            Err(Error::Transport {
                kind: TransportErrorKind::Timeout,
                message: format!("no answer within {idle:?}"),
                response: None,
            })
        })
    }

    /// The error an answer that is not a success stands for, as the
    /// endpoint decodes it (its body read within the JSON limit).
    async fn refusal<E: Endpoint>(
        &self,
        mut response: reqwest::Response,
        info: ResponseInfo,
    ) -> Error {
        let headers = std::mem::take(response.headers_mut());
        let body = match super::read_body(&mut response, self.json_limit, &info, &headers).await {
            Ok(body) => body,
            Err(error) => return error,
        };
        let status = response.status();
        let answer = crate::decode::Answer::lent(status, &headers, body, self.json_limit);
        match E::decode_answer(answer) {
            Err(error) => error,
            Ok(_) => Error::Transfer {
                bytes: 0,
                problem: format!("the download was answered {status}, which is not a success"),
                response: Some(info),
            },
        }
    }
}

/// Why pouring a body stopped before its end.
enum Poured {
    /// The connection broke or went quiet: the download may resume.
    Broken(Error),
    /// The sink failed: nothing to resume.
    Sink(Error),
}

/// Writes the body to `sink` as it comes, counting the bytes.
async fn pour<W: AsyncWrite + Unpin + ?Sized>(
    response: &mut reqwest::Response,
    sink: &mut W,
    written: &mut u64,
    idle: Duration,
    info: &ResponseInfo,
) -> Result<(), Poured> {
    loop {
        let chunk = match tokio::time::timeout(idle, response.chunk()).await {
            Err(_) => {
                return Err(Poured::Broken(Error::Transport {
                    kind: TransportErrorKind::Timeout,
                    message: format!("no byte came for {idle:?}"),
                    response: Some(info.clone()),
                }));
            }
            Ok(Err(error)) => {
                return Err(Poured::Broken(super::transport(error, Some(info.clone()))));
            }
            Ok(Ok(None)) => return Ok(()),
            Ok(Ok(Some(chunk))) => chunk,
        };
        sink.write_all(&chunk).await.map_err(|error| {
            Poured::Sink(Error::Transfer {
                bytes: *written,
                problem: format!("cannot write the content: {error}"),
                response: Some(info.clone()),
            })
        })?;
        *written += chunk.len() as u64;
    }
}

fn no_clone() -> Error {
    Error::InvalidRequest {
        reason: "a download's request must have a body that can be sent again".to_owned(),
    }
}

/// A request's `Range: bytes=a-b` or `bytes=a-`: `Some((a, b))`; any other
/// range (a suffix, several): `None`, which a download does not resume in.
fn asked_range(value: &[u8]) -> Option<(u64, Option<u64>)> {
    let text = std::str::from_utf8(value).ok()?.trim();
    let spec = text.strip_prefix("bytes=")?;
    let (from, to) = spec.split_once('-')?;
    let from = from.trim().parse().ok()?;
    let to = match to.trim() {
        "" => None,
        to => Some(to.parse().ok()?),
    };
    Some((from, to))
}

/// A response's `Content-Range: bytes a-b/total` (or `/*`): `(a, b)`.
fn served_range(value: &HeaderValue) -> Option<(u64, u64)> {
    let text = value.to_str().ok()?.trim();
    let spec = text.strip_prefix("bytes ")?;
    let (range, _total) = spec.split_once('/')?;
    let (from, to) = range.split_once('-')?;
    let (from, to) = (from.trim().parse().ok()?, to.trim().parse().ok()?);
    (from <= to).then_some((from, to))
}

/// The error of an upload whose every chunk the server took, though it did
/// not answer `complete` to the last: a range went missing, or the server
/// counts otherwise.
pub fn incomplete_upload(total: u64, complete: &str) -> Error {
    Error::Transfer {
        bytes: total,
        problem: format!(
            "every chunk was sent, but the server did not answer `{complete}` to the last: \
             it does not hold the whole content"
        ),
        response: None,
    }
}

/// How large the chunks of an upload are unless the client says
/// ([`Client::with_upload_chunk_size`]): 8 MiB, one at a time in memory.
pub const UPLOAD_CHUNK_SIZE: usize = 8 << 20;

/// One chunk of an upload: its bytes and the `Content-Range` header value
/// that says where they go.
#[derive(Debug)]
#[non_exhaustive]
pub struct Chunk {
    /// `bytes {from}-{to}/{total}`.
    pub range: String,
    /// The chunk's bytes.
    pub body: crate::Bytes,
    /// Where the chunk starts in the content.
    pub offset: u64,
    /// Whether it is the content's first chunk.
    pub first: bool,
    /// Whether it is the content's last chunk.
    pub last: bool,
}

/// A content of known size read from `source` in chunks of at most `size`
/// bytes, one held in memory at a time, for an upload in ranges.
#[derive(Debug)]
pub struct Chunks<R> {
    source: R,
    total: u64,
    size: usize,
    read: u64,
}

impl<R: AsyncRead + Unpin> Chunks<R> {
    /// The content in `source`, `total` bytes long, in chunks of `size`
    /// bytes (the last one shorter). A size of zero is taken as one byte.
    pub fn new(source: R, total: u64, size: usize) -> Self {
        Chunks {
            source,
            total,
            size: size.max(1),
            read: 0,
        }
    }

    /// The content's size in bytes.
    pub fn total(&self) -> u64 {
        self.total
    }

    /// The first chunk; an empty content, which has none, is
    /// [`Error::Transfer`].
    pub async fn first_chunk(&mut self) -> Result<Chunk, Error> {
        self.next_chunk().await?.ok_or_else(|| Error::Transfer {
            bytes: self.read,
            problem: "every chunk was read already".to_owned(),
            response: None,
        })
    }

    /// The next chunk, or `None` after the last. A source that ends before
    /// `total` bytes, or fails, is [`Error::Transfer`]; so is an empty
    /// content, which has no range to send.
    pub async fn next_chunk(&mut self) -> Result<Option<Chunk>, Error> {
        if self.total == 0 {
            return Err(Error::Transfer {
                bytes: 0,
                problem: "the content is empty: there is no range of bytes to send".to_owned(),
                response: None,
            });
        }
        if self.read == self.total {
            return Ok(None);
        }
        let offset = self.read;
        let length = (self.total - offset).min(self.size as u64) as usize;
        // Read into spare capacity: no pass to zero the chunk first.
        let mut body = Vec::with_capacity(length);
        let filled = (&mut self.source)
            .take(length as u64)
            .read_to_end(&mut body)
            .await
            .map_err(|error| Error::Transfer {
                bytes: offset + body.len() as u64,
                problem: format!("cannot read the content: {error}"),
                response: None,
            })?;
        if filled < length {
            return Err(Error::Transfer {
                bytes: offset + filled as u64,
                problem: format!(
                    "the content ended after {} of the {} bytes it was said to have",
                    offset + filled as u64,
                    self.total
                ),
                response: None,
            });
        }
        self.read += length as u64;
        Ok(Some(Chunk {
            range: format!(
                "bytes {offset}-{}/{}",
                offset + length as u64 - 1,
                self.total
            ),
            body: crate::Bytes(body),
            offset,
            first: offset == 0,
            last: self.read == self.total,
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_are_read_as_http_writes_them() {
        assert_eq!(asked_range(b"bytes=5-"), Some((5, None)));
        assert_eq!(asked_range(b"bytes=0-4"), Some((0, Some(4))));
        assert_eq!(asked_range(b"bytes=-500"), None);
        assert_eq!(asked_range(b"bytes=0-1,5-6"), None);
        let served = |text: &'static str| served_range(&HeaderValue::from_static(text));
        assert_eq!(served("bytes 5-10/11"), Some((5, 10)));
        assert_eq!(served("bytes 5-10/*"), Some((5, 10)));
        assert_eq!(served("bytes 10-5/11"), None);
        assert_eq!(served("items 0-1/2"), None);
    }

    #[tokio::test]
    async fn chunks_cover_the_content_and_say_where() {
        let content: Vec<u8> = (0..11).collect();
        let mut chunks = Chunks::new(&content[..], 11, 5);
        let mut seen = Vec::new();
        while let Some(chunk) = chunks.next_chunk().await.unwrap() {
            seen.push((chunk.range, chunk.body.0, chunk.first, chunk.last));
        }
        assert_eq!(
            seen,
            [
                ("bytes 0-4/11".to_owned(), vec![0, 1, 2, 3, 4], true, false),
                ("bytes 5-9/11".to_owned(), vec![5, 6, 7, 8, 9], false, false),
                ("bytes 10-10/11".to_owned(), vec![10], false, true),
            ]
        );
        let mut short = Chunks::new(&content[..3], 11, 5);
        let error = short.next_chunk().await.unwrap_err().to_string();
        assert!(error.contains("ended after 3 of the 11 bytes"), "{error}");
        let error = Chunks::new(&content[..0], 0, 5)
            .next_chunk()
            .await
            .unwrap_err();
        assert!(
            error.to_string().contains("the content is empty"),
            "{error}"
        );
    }
}
