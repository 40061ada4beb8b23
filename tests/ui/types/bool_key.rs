use dynamo_model::Model;

#[derive(Model)]
#[dynamo(table = "flags")]
struct Flag {
    #[dynamo(partition_key)]
    on: bool,
}

fn main() {}
