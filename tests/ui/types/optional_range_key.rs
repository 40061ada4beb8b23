use dynamo_model::Model;

#[derive(Model)]
#[dynamo(table = "visits")]
struct Visit {
    #[dynamo(hash_key)]
    cat: String,
    #[dynamo(range_key)]
    at: Option<String>,
}

fn main() {}
