use dynamo_model::Model;

#[derive(Model)]
#[dynamo(global_index(name = "gsi00", partition_key = "owner"))]
#[dynamo(global_index(name = "gsi01", partition_key = "owner"))]
#[dynamo(global_index(name = "gsi02", partition_key = "owner"))]
#[dynamo(global_index(name = "gsi03", partition_key = "owner"))]
#[dynamo(global_index(name = "gsi04", partition_key = "owner"))]
#[dynamo(global_index(name = "gsi05", partition_key = "owner"))]
#[dynamo(global_index(name = "gsi06", partition_key = "owner"))]
#[dynamo(global_index(name = "gsi07", partition_key = "owner"))]
#[dynamo(global_index(name = "gsi08", partition_key = "owner"))]
#[dynamo(global_index(name = "gsi09", partition_key = "owner"))]
#[dynamo(global_index(name = "gsi10", partition_key = "owner"))]
#[dynamo(global_index(name = "gsi11", partition_key = "owner"))]
#[dynamo(global_index(name = "gsi12", partition_key = "owner"))]
#[dynamo(global_index(name = "gsi13", partition_key = "owner"))]
#[dynamo(global_index(name = "gsi14", partition_key = "owner"))]
#[dynamo(global_index(name = "gsi15", partition_key = "owner"))]
#[dynamo(global_index(name = "gsi16", partition_key = "owner"))]
#[dynamo(global_index(name = "gsi17", partition_key = "owner"))]
#[dynamo(global_index(name = "gsi18", partition_key = "owner"))]
#[dynamo(global_index(name = "gsi19", partition_key = "owner"))]
#[dynamo(global_index(name = "gsi20", partition_key = "owner"))]
struct Cat {
    #[dynamo(partition_key)]
    id: String,
    owner: String,
}

fn main() {}
