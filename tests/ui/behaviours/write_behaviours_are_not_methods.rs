use dynamo_model::prelude::*;

#[derive(Model)]
struct Page {
    #[dynamo(partition_key)]
    slug: String,
    #[dynamo(version)]
    version: u64,
}

fn main() {
    let mut page = Page { slug: "home".into(), version: 3 };
    // What the write path calls is no method of a model: a version changes only by a write.
    page.set_version(7);
}
