use dynamo_model::Model;

#[derive(Model)]
#[dynamo(table = "visits")]
struct Visit {
    #[dynamo(partition_key)]
    cat: String,
    #[dynamo(sort_key)]
    at: String,
    #[dynamo(sort_key)]
    vet: String,
}

fn main() {}
