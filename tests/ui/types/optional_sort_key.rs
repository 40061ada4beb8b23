use dynamo_model::Model;

#[derive(Model)]
#[dynamo(table = "visits")]
struct Visit {
    #[dynamo(partition_key)]
    cat: String,
    #[dynamo(sort_key)]
    at: Option<String>,
}

fn main() {}
