// Written by benches/compile/hand-gen from the specs, in the style of
// code written by hand (see BENCHMARKS.md, "Compile time"). Regenerate
// rather than edit.
// The reply documents to a document of a docflow (receipts, notices), generated, signed and sent.

/// Generate a reply document to a document of a docflow.
pub mod generate_reply {

    impl crate::Client {
        /// Generate a reply document to a document of a docflow.
        ///
        /// Generates the XML of the reply that the docflow's regulations call for (a receipt, a notice
        /// of refusal, …) in answer to one of its documents, with its printed form. The docflow's
        /// `reply` links name the document types to generate (`generate-reply?documentType=…`). Sign
        /// the reply's content, add the signature (`update_reply_signature`) and send it
        /// (`send_reply`).
        ///
        /// `declineNoticeErrorCode` is sent as the docs describe it, one key per code
        /// (`declineNoticeErrorCode=0300300001&declineNoticeErrorCode=040010000`), as the Java SDK
        /// sends its `List<String>`. The C# SDK hands its `string[]` to Vostok's `AppendToQuery`,
        /// which writes `value.ToString()`, so it sends the single pair
        /// `declineNoticeErrorCode=System.String%5B%5D` (ROUTES.md D3); this spec follows the docs.
        ///
        /// The API answers 400 when the document takes no reply, when the reply was already sent, for
        /// an unknown error code and for a certificate that is not base64, not valid, not qualified or
        /// of another INN than the sender's; 404 when the organization, docflow or document is not
        /// found. The documented success is 201; any success status is taken.
        pub async fn replies_generate(&self, account_id: uuid::Uuid, docflow_id: uuid::Uuid, document_id: uuid::Uuid, document_type: &str, decline_notice_error_code: Option<&[&str]>, body: &crate::extern_reply_types::GenerateReplyRequest) -> Result<crate::extern_types::ReplyDocument, crate::Error> {
            let url = format!("{}/v1/{}/docflows/{}/documents/{}/generate-reply", self.base_url, account_id, docflow_id, document_id);
            let mut request = self.http.post(url);
            let mut query: Vec<(&str, String)> = Vec::new();
            query.push(("documentType", document_type.to_string()));
            if let Some(value) = decline_notice_error_code { for value in value { query.push(("declineNoticeErrorCode", value.to_string())); } }
            request = request.query(&query);
            request = request.bearer_auth(&self.token);
            request = request.json(body);
            let response = request.send().await?;
            let response = response.error_for_status()?;
            Ok(response.json().await?)
        }
    }
}

/// Get a reply document generated in a docflow.
pub mod get_reply {

    impl crate::Client {
        /// Get a reply document generated in a docflow.
        ///
        /// Everything about a reply generated with `generate_reply`: its content and printed form,
        /// its signature once added, and links for further work.
        pub async fn replies_get(&self, account_id: uuid::Uuid, docflow_id: uuid::Uuid, document_id: uuid::Uuid, reply_id: uuid::Uuid) -> Result<crate::extern_types::ReplyDocument, crate::Error> {
            let url = format!("{}/v1/{}/docflows/{}/documents/{}/replies/{}", self.base_url, account_id, docflow_id, document_id, reply_id);
            let mut request = self.http.get(url);
            request = request.bearer_auth(&self.token);
            let response = request.send().await?;
            let response = response.error_for_status()?;
            Ok(response.json().await?)
        }
    }
}

/// Replace the content of a reply document.
pub mod update_reply_content {

    impl crate::Client {
        /// Replace the content of a reply document.
        ///
        /// Sends the reply's new content (its XML) as raw bytes and answers the reply as it is now.
        /// The C# SDK sends the bytes without a `Content-Type`; no source documents one, so the
        /// generated client sends `application/octet-stream`, the format's default for raw bytes
        /// (ROUTES.md D9).
        pub async fn replies_update_content(&self, account_id: uuid::Uuid, docflow_id: uuid::Uuid, document_id: uuid::Uuid, reply_id: uuid::Uuid, body: Vec<u8>) -> Result<crate::extern_types::ReplyDocument, crate::Error> {
            let url = format!("{}/v1/{}/docflows/{}/documents/{}/replies/{}/content", self.base_url, account_id, docflow_id, document_id, reply_id);
            let mut request = self.http.put(url);
            request = request.bearer_auth(&self.token);
            request = request.header("Content-Type", "application/octet-stream");
            request = request.body(body);
            let response = request.send().await?;
            let response = response.error_for_status()?;
            Ok(response.json().await?)
        }
    }
}

/// Add the signature of a reply document.
pub mod update_reply_signature {

    impl crate::Client {
        /// Add the signature of a reply document.
        ///
        /// Sends the user's signature of the reply's content (CMS, detached) as raw bytes and answers
        /// the reply with its `signature`. Then send it with `send_reply`.
        ///
        /// The sources disagree on the request's `Content-Type` (ROUTES.md D9): the docs' example
        /// sends `application/pgp-signature`, the C# SDK none, the Postman collection
        /// `application/json`. This spec follows the docs: `Content-Type` is a header parameter whose
        /// default is `application/pgp-signature`; set another with `with_content_type`. The Java SDK
        /// reads no answer here (ROUTES.md D12); the docs' answer is the reply as JSON, as the C# SDK
        /// reads it. The documented success is 200; any success status is taken.
        pub async fn replies_update_signature(&self, account_id: uuid::Uuid, docflow_id: uuid::Uuid, document_id: uuid::Uuid, reply_id: uuid::Uuid, content_type: Option<&str>, body: Vec<u8>) -> Result<crate::extern_types::ReplyDocument, crate::Error> {
            let url = format!("{}/v1/{}/docflows/{}/documents/{}/replies/{}/signature", self.base_url, account_id, docflow_id, document_id, reply_id);
            let mut request = self.http.put(url);
            if let Some(value) = content_type { request = request.header("Content-Type", value.to_string()); }
            request = request.bearer_auth(&self.token);
            request = request.body(body);
            let response = request.send().await?;
            let response = response.error_for_status()?;
            Ok(response.json().await?)
        }
    }
}

/// Send a signed reply document to the authority.
pub mod send_reply {

    impl crate::Client {
        /// Send a signed reply document to the authority.
        ///
        /// Sends the reply, with the user's signature added by `update_reply_signature`, to the
        /// authority, and answers the docflow as it is now: the reply is among its documents. The
        /// documented success is 200; any success status is taken.
        pub async fn replies_send(&self, account_id: uuid::Uuid, docflow_id: uuid::Uuid, document_id: uuid::Uuid, reply_id: uuid::Uuid, body: &crate::extern_reply_types::SendReplyRequest) -> Result<crate::extern_types::Docflow, crate::Error> {
            let url = format!("{}/v1/{}/docflows/{}/documents/{}/replies/{}/send", self.base_url, account_id, docflow_id, document_id, reply_id);
            let mut request = self.http.post(url);
            request = request.bearer_auth(&self.token);
            request = request.json(body);
            let response = request.send().await?;
            let response = response.error_for_status()?;
            Ok(response.json().await?)
        }
    }
}
