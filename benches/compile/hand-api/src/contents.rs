// Written by benches/compile/hand-gen from the specs, in the style of
// code written by hand (see BENCHMARKS.md, "Compile time"). Regenerate
// rather than edit.
// Contents (a document's bytes), uploaded and downloaded.

/// Upload a content, whole or its first chunk.
pub mod upload_content {
    use serde::{Deserialize, Serialize};

    /// The uploaded content, referenced later as a document's `content-id`.
    #[derive(Debug, Clone, Serialize, Deserialize)]
    pub struct ContentId {
        /// The content's id.
        pub id: uuid::Uuid,
    }

    impl crate::Client {
        /// Upload a content, whole or its first chunk.
        ///
        /// Send at most 64 MB per request, with the range it covers. A content sent whole answers
        /// `Complete`; the first of several chunks answers `Partial`, and the rest go to
        /// `PUT /v1/{accountId}/contents/{id}` (`upload_content_chunk`).
        pub async fn contents_upload(&self, account_id: uuid::Uuid, content_range: &str, body: Vec<u8>) -> Result<ContentId, crate::Error> {
            let url = format!("{}/v1/{}/contents", self.base_url, account_id);
            let mut request = self.http.post(url);
            request = request.header("Content-Range", content_range.to_string());
            request = request.bearer_auth(&self.token);
            request = request.header("Content-Type", "application/octet-stream");
            request = request.body(body);
            let response = request.send().await?;
            let response = response.error_for_status()?;
            Ok(response.json().await?)
        }
    }
}

/// Upload a further chunk of a content whose upload `upload_content` began.
pub mod upload_content_chunk {
    use serde::{Deserialize, Serialize};

    /// What the server says after a chunk (the C# SDK's `UploadChunkResponse`).
    #[derive(Debug, Clone, Serialize, Deserialize)]
    pub struct UploadedChunk {
        /// The content the chunk belongs to.
        pub content: UploadedChunkContent,
        /// Whether every byte of the content has arrived.
        #[serde(rename = "is-completed")]
        pub is_completed: bool,
    }

    /// The content the chunk belongs to.
    #[derive(Debug, Clone, Serialize, Deserialize)]
    pub struct UploadedChunkContent {
        /// The content's id.
        pub id: uuid::Uuid,
    }

    impl crate::Client {
        /// Upload a further chunk of a content whose upload `upload_content` began.
        ///
        /// After `upload_content` answered `Partial`, send the other chunks here, at most 64 MB each and
        /// in any order, each with the range it covers. The chunk that completes the content answers
        /// `Complete`.
        pub async fn contents_upload_chunk(&self, account_id: uuid::Uuid, id: uuid::Uuid, content_range: &str, body: Vec<u8>) -> Result<UploadedChunk, crate::Error> {
            let url = format!("{}/v1/{}/contents/{}", self.base_url, account_id, id);
            let mut request = self.http.put(url);
            request = request.header("Content-Range", content_range.to_string());
            request = request.bearer_auth(&self.token);
            request = request.header("Content-Type", "application/octet-stream");
            request = request.body(body);
            let response = request.send().await?;
            let response = response.error_for_status()?;
            Ok(response.json().await?)
        }
    }
}

/// Download a content, whole or a range of its bytes.
pub mod download_content {

    impl crate::Client {
        /// Download a content, whole or a range of its bytes.
        ///
        /// The bytes as they were uploaded. The client reads at most its download limit
        /// (`Client::with_download_limit`, 64 MiB unless set); ask for a `Range` to read a large
        /// content in parts.
        pub async fn contents_download(&self, account_id: uuid::Uuid, id: uuid::Uuid, range: Option<&str>) -> Result<Vec<u8>, crate::Error> {
            let url = format!("{}/v1/{}/contents/{}", self.base_url, account_id, id);
            let mut request = self.http.get(url);
            if let Some(value) = range { request = request.header("Range", value.to_string()); }
            request = request.bearer_auth(&self.token);
            let response = request.send().await?;
            let response = response.error_for_status()?;
            Ok(response.bytes().await?.to_vec())
        }
    }
}
