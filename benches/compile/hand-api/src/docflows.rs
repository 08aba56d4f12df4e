// Written by benches/compile/hand-gen from the specs, in the style of
// code written by hand (see BENCHMARKS.md, "Compile time"). Regenerate
// rather than edit.
// The docflows of an account.

/// List the docflows of an account, a page at a time.
pub mod search_docflows {

    impl crate::Client {
        /// List the docflows of an account, a page at a time.
        ///
        /// Returns a page of short docflow descriptions (no documents). The vendor advises always
        /// filtering by docflow type, one type per request; without a type filter some docflow types
        /// (business registration, mass mailings, many FSS SEDO types, FNS inventories, among others) are never
        /// returned.
        ///
        /// Described so far: `skip`, `take`, `finished`, `incoming`, `innKpp`, `orgId`,
        /// `updatedFrom`, `updatedTo` and `type`. The API has more query parameters, all optional:
        /// `orderBy`, `createdFrom`, `createdTo`, `knd`, `okud`, `okpo`, `cu`, `regNumber`, `formName`,
        /// `demandsOnReports`, `periodFrom`, `periodTo`, `forAllUsers`, `pfrLetterCategory`,
        /// `demandNumber`, `successState`.
        pub async fn docflows_search(&self, account_id: uuid::Uuid, skip: Option<i64>, take: Option<i64>, finished: Option<bool>, incoming: Option<bool>, inn_kpp: Option<&str>, org_id: Option<uuid::Uuid>, updated_from: Option<chrono::DateTime<chrono::FixedOffset>>, updated_to: Option<chrono::DateTime<chrono::FixedOffset>>, r#type: Option<&[&str]>) -> Result<crate::extern_types::DocflowPage, crate::Error> {
            let url = format!("{}/v1/{}/docflows", self.base_url, account_id);
            let mut request = self.http.get(url);
            let mut query: Vec<(&str, String)> = Vec::new();
            if let Some(value) = skip { query.push(("skip", value.to_string())); }
            if let Some(value) = take { query.push(("take", value.to_string())); }
            if let Some(value) = finished { query.push(("finished", value.to_string())); }
            if let Some(value) = incoming { query.push(("incoming", value.to_string())); }
            if let Some(value) = inn_kpp { query.push(("innKpp", value.to_string())); }
            if let Some(value) = org_id { query.push(("orgId", value.to_string())); }
            if let Some(value) = updated_from { query.push(("updatedFrom", value.to_rfc3339())); }
            if let Some(value) = updated_to { query.push(("updatedTo", value.to_rfc3339())); }
            if let Some(value) = r#type { for value in value { query.push(("type", value.to_string())); } }
            request = request.query(&query);
            request = request.bearer_auth(&self.token);
            let response = request.send().await?;
            let response = response.error_for_status()?;
            Ok(response.json().await?)
        }
    }
}

/// Get a docflow of an account, with its status, description, documents and links.
pub mod get_docflow {

    impl crate::Client {
        /// Get a docflow of an account, with its status, description, documents and links.
        ///
        /// Returns the docflow's current status and state, its type-specific description, every
        /// document created or received in it so far (with links to their contents and signatures),
        /// and links for further work. When the status calls for a reply document, the links include
        /// one for working with replies.
        ///
        /// The request carries `Authorization: Bearer <token>` from the client's token source.
        pub async fn docflows_get(&self, account_id: uuid::Uuid, docflow_id: uuid::Uuid) -> Result<crate::extern_types::Docflow, crate::Error> {
            let url = format!("{}/v1/{}/docflows/{}", self.base_url, account_id, docflow_id);
            let mut request = self.http.get(url);
            request = request.bearer_auth(&self.token);
            let response = request.send().await?;
            let response = response.error_for_status()?;
            Ok(response.json().await?)
        }
    }
}

/// Change a docflow's requisites (a comment; a letter's KND) with JSON Patch operations.
pub mod patch_docflow {

    impl crate::Client {
        /// Change a docflow's requisites (a comment; a letter's KND) with JSON Patch operations.
        ///
        /// The docs name two uses: add a comment to a docflow (any type but `urn:docflow:fns534-demand`;
        /// the comment color `none` shows as blue), and move a letter from the tax office
        /// (`urn:docflow:fns534-cu-letter`) into the table of demands, by setting its
        /// `/description/requisites/demand-knd`. The answer is the docflow as it is now.
        ///
        /// The body is a JSON array of operations, as the C# SDK sends `JsonPatchDocument.Operations`
        /// (ROUTES.md D15); the docs show single operation objects, which this spec takes for excerpts of
        /// such an array. Sent as `application/json`, as the C# SDK does; the docs name no media type.
        pub async fn docflows_patch(&self, account_id: uuid::Uuid, docflow_id: uuid::Uuid, body: &Vec<crate::extern_docflow_types::PatchOperation>) -> Result<crate::extern_types::Docflow, crate::Error> {
            let url = format!("{}/v1/{}/docflows/{}", self.base_url, account_id, docflow_id);
            let mut request = self.http.patch(url);
            request = request.bearer_auth(&self.token);
            request = request.json(body);
            let response = request.send().await?;
            let response = response.error_for_status()?;
            Ok(response.json().await?)
        }
    }
}
