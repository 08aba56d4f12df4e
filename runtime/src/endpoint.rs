use crate::{Error, Example, Url};

/// An HTTP endpoint described by a spec. Implemented by generated code.
///
/// Encoding and decoding do no I/O (the ruma pattern), so they are tested
/// without a network and work with any HTTP client.
pub trait Endpoint {
    /// What the caller sets: the parameters that are not constants.
    type Request;
    /// The typed successful response, with its captured headers.
    type Response;

    /// Facts about the endpoint from its spec.
    const METADATA: Metadata;

    /// Builds the HTTP request: method, URL below `base_url`, headers and
    /// body (form fields percent-encoded).
    fn encode(request: &Self::Request, base_url: &Url) -> Result<http::Request<Vec<u8>>, Error> {
        Self::encode_request(request, base_url)?.into_http()
    }

    /// [`encode`](Endpoint::encode), as a [`Client`](crate::Client) sends
    /// it (its URL not parsed again as an `http::Uri`): what generated code
    /// implements.
    #[doc(hidden)]
    fn encode_request(
        request: &Self::Request,
        base_url: &Url,
    ) -> Result<crate::encode::Encoded, Error>;

    /// Reads an HTTP response: the typed response for a success status, the
    /// server's error or a description of what was wrong otherwise.
    fn decode(response: http::Response<Vec<u8>>) -> Result<Self::Response, Error> {
        Self::decode_answer(response.into())
    }

    /// [`decode`](Endpoint::decode) of a response given as its parts, whose
    /// headers the caller may keep (a [`Client`](crate::Client) lends its
    /// own, and the reply keeps them): what generated code implements.
    #[doc(hidden)]
    fn decode_answer(response: crate::decode::Answer<'_>) -> Result<Self::Response, Error>;

    /// The documented example exchanges of the spec.
    fn examples() -> Vec<Example<Self::Request>>;
}

/// Facts about an endpoint, from its spec.
#[derive(Clone, Debug)]
pub struct Metadata {
    /// The spec's `snake_case` name.
    pub name: &'static str,
    /// The HTTP method.
    pub method: http::Method,
    /// Path below the base URL, starting with `/`.
    pub path: &'static str,
    /// The server the spec names; callers can use another.
    pub default_base_url: &'static str,
    /// Where the endpoint is documented.
    pub docs_url: Option<&'static str>,
    /// The status of a successful response.
    pub success_status: u16,
    /// The content type of a successful response.
    pub content_type: &'static str,
    /// The format of error bodies.
    pub error_format: ErrorFormat,
    /// How a request proves who sends it.
    pub auth: Auth,
    /// Some outcome's body is binary (a content download): the client reads
    /// up to its download limit rather than [`MAX_BODY_BYTES`](crate::MAX_BODY_BYTES).
    pub binary_response: bool,
}

/// How an endpoint's requests are authenticated (spec `endpoint.auth`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Auth {
    /// Nothing beyond the request's own parameters (the identity server's
    /// endpoints, whose parameters are the credentials).
    None,
    /// `Authorization: Bearer <access token>`, from a
    /// [`TokenSource`](crate::TokenSource): the Kontur.Extern API.
    Bearer,
}

/// Formats of error response bodies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorFormat {
    /// RFC 6749 section 5.2, with Kontur's extensions (`error_status`,
    /// `partial_factor_token`, `required_factors`).
    OAuth2,
    /// The Kontur.Extern API's error object ([`ApiError`](crate::ApiError):
    /// `id`, `status-code`, `message`, `trace-id`, …).
    KonturApi,
}
