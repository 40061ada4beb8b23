use dynamo_model::Model;

#[derive(Model)]
#[dynamo(global_index(name = "by_indoor", partition_key = "indoor"))]
struct Cat {
    #[dynamo(partition_key)]
    id: String,
    indoor: bool,
}

fn main() {}
