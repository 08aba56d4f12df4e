// Written by benches/compile/hand-gen from the specs, in the style of
// code written by hand (see BENCHMARKS.md, "Compile time"). Regenerate
// rather than edit.
// The drafts builders (конструкторы черновиков) of an account, which build drafts from many files.

/// Create a drafts builder (конструктор черновиков) of a type, with its meta.
pub mod create_drafts_builder {

    impl crate::Client {
        /// Create a drafts builder (конструктор черновиков) of a type, with its meta.
        ///
        /// A drafts builder turns many files (scans, above all) into one draft or several, with the
        /// inventory or the letter file the authority asks for: create it, add documents and their files,
        /// then build it (`drafts_builder_build`). `builder-type` chooses what `builder-data` holds
        /// (`DraftsBuilderData`). The answer is the builder, status `new`; the C# SDK takes any success
        /// status, and the docs name none, so 200 is documented and any 2xx taken.
        pub async fn builders_create(&self, account_id: uuid::Uuid, body: &crate::extern_builder_types::DraftsBuilderMetaRequest) -> Result<crate::extern_builder_types::DraftsBuilder, crate::Error> {
            let url = format!("{}/v1/{}/drafts/builders", self.base_url, account_id);
            let mut request = self.http.post(url);
            request = request.bearer_auth(&self.token);
            request = request.json(body);
            let response = request.send().await?;
            let response = response.error_for_status()?;
            Ok(response.json().await?)
        }
    }
}

/// Get a drafts builder (meta and status), or learn that there is none with this id.
pub mod get_drafts_builder {

    impl crate::Client {
        /// Get a drafts builder (meta and status), or learn that there is none with this id.
        ///
        /// The builder's meta and its status (`new`, `building`, `finished`). A builder that does not
        /// exist is "not found": the call returns `None`, as the C# SDK's `TryGetDraftsBuilderAsync`
        /// returns null on a 404 with the API's error body.
        pub async fn builders_get(&self, account_id: uuid::Uuid, builder_id: uuid::Uuid) -> Result<Option<crate::extern_builder_types::DraftsBuilder>, crate::Error> {
            let url = format!("{}/v1/{}/drafts/builders/{}", self.base_url, account_id, builder_id);
            let mut request = self.http.get(url);
            request = request.bearer_auth(&self.token);
            let response = request.send().await?;
            if response.status() == reqwest::StatusCode::NOT_FOUND {
                return Ok(None);
            }
            let response = response.error_for_status()?;
            Ok(Some(response.json().await?))
        }
    }
}

/// Delete a drafts builder with its documents and files.
pub mod delete_drafts_builder {

    impl crate::Client {
        /// Delete a drafts builder with its documents and files.
        ///
        /// Deletes the builder and everything in it. A builder that does not exist is "not found": the
        /// call returns `None` (the C# SDK's `DeleteDraftsBuilderAsync` returns false on a 404 with the
        /// API's error body). A builder locked by a running build answers 409, `Error::Api`.
        pub async fn builders_delete(&self, account_id: uuid::Uuid, builder_id: uuid::Uuid) -> Result<Option<()>, crate::Error> {
            let url = format!("{}/v1/{}/drafts/builders/{}", self.base_url, account_id, builder_id);
            let mut request = self.http.delete(url);
            request = request.bearer_auth(&self.token);
            let response = request.send().await?;
            if response.status() == reqwest::StatusCode::NOT_FOUND {
                return Ok(None);
            }
            response.error_for_status()?;
            Ok(Some(()))
        }
    }
}

/// Get a drafts builder's meta, without its status.
pub mod get_drafts_builder_meta {

    impl crate::Client {
        /// Get a drafts builder's meta, without its status.
        ///
        /// The meta only (sender, payer, recipient, builder type and data). The C# SDK has no "try"
        /// form of this call, so a 404 is an error here.
        pub async fn builders_meta(&self, account_id: uuid::Uuid, builder_id: uuid::Uuid) -> Result<crate::extern_builder_types::DraftsBuilderMeta, crate::Error> {
            let url = format!("{}/v1/{}/drafts/builders/{}/meta", self.base_url, account_id, builder_id);
            let mut request = self.http.get(url);
            request = request.bearer_auth(&self.token);
            let response = request.send().await?;
            let response = response.error_for_status()?;
            Ok(response.json().await?)
        }
    }
}

/// Replace a drafts builder's meta.
pub mod update_drafts_builder_meta {

    impl crate::Client {
        /// Replace a drafts builder's meta.
        ///
        /// Sends the whole meta again, as create does (`DraftsBuilderMetaRequest`); the answer is the
        /// meta as the server keeps it. A built builder cannot be changed.
        pub async fn builders_update_meta(&self, account_id: uuid::Uuid, builder_id: uuid::Uuid, body: &crate::extern_builder_types::DraftsBuilderMetaRequest) -> Result<crate::extern_builder_types::DraftsBuilderMeta, crate::Error> {
            let url = format!("{}/v1/{}/drafts/builders/{}/meta", self.base_url, account_id, builder_id);
            let mut request = self.http.put(url);
            request = request.bearer_auth(&self.token);
            request = request.json(body);
            let response = request.send().await?;
            let response = response.error_for_status()?;
            Ok(response.json().await?)
        }
    }
}

/// Start building the drafts of a drafts builder.
pub mod drafts_builder_build {

    impl crate::Client {
        /// Start building the drafts of a drafts builder.
        ///
        /// Starts a task that turns the builder's documents into one draft or several (with the
        /// inventory or letter file), and locks the builder. The answer is the task, `running`: read it
        /// again with `get_drafts_builder_task` (`GET …/builders/{builderId}/tasks/{apiTaskId}`) until it
        /// is not, as `.wait()` on the call does (`task:` above); its result names the drafts and the
        /// documents with errors. `deferred=true` is always sent: the docs say `false` answers 400
        /// ("docs/builder/методы билдера.rst", lines 186-193). The C# SDK's `BuildDraftsAsync` sends no
        /// `deferred` and expects the result itself; this spec follows the docs (ROUTES.md D5). The docs
        /// give 202 Accepted (line 192); any success status is taken.
        pub async fn builders_build(&self, account_id: uuid::Uuid, builder_id: uuid::Uuid) -> Result<crate::extern_builder_types::DraftsBuilderTask, crate::Error> {
            let url = format!("{}/v1/{}/drafts/builders/{}/build", self.base_url, account_id, builder_id);
            let mut request = self.http.post(url);
            let mut query: Vec<(&str, String)> = Vec::new();
            query.push(("deferred", "true".to_owned()));
            request = request.query(&query);
            request = request.bearer_auth(&self.token);
            let response = request.send().await?;
            let response = response.error_for_status()?;
            Ok(response.json().await?)
        }
    }
}

/// Read a drafts builder's task (build, or prepare documents) as it is now.
pub mod get_drafts_builder_task {

    impl crate::Client {
        /// Read a drafts builder's task (build, or prepare documents) as it is now.
        ///
        /// The task that `drafts_builder_build` or `drafts_builder_prepare_documents` started. Read it
        /// again until its `task-state` is no longer `running`: then `task-result` holds the build's
        /// drafts (`draft-ids`) and the documents with errors, or the preparation's documents with
        /// errors (`DraftsBuilderTaskResult`), or `error` says why it failed. A build with documents in
        /// error still succeeds ("docs/builder/методы билдера.rst", lines 200-205). The C# SDK reads this
        /// one route with two typed readers (`GetBuildDraftsTaskAsync`, `GetPrepareDocumentsTaskAsync`);
        /// here one reader serves both, its result a union told apart by its fields.
        pub async fn builders_task(&self, account_id: uuid::Uuid, builder_id: uuid::Uuid, api_task_id: uuid::Uuid) -> Result<crate::extern_builder_types::DraftsBuilderTask, crate::Error> {
            let url = format!("{}/v1/{}/drafts/builders/{}/tasks/{}", self.base_url, account_id, builder_id, api_task_id);
            let mut request = self.http.get(url);
            request = request.bearer_auth(&self.token);
            let response = request.send().await?;
            let response = response.error_for_status()?;
            Ok(response.json().await?)
        }
    }
}
