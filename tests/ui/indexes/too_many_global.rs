use dynamo_model::Model;

#[derive(Model)]
#[dynamo(global_index(name = "gsi00", hash = "owner"))]
#[dynamo(global_index(name = "gsi01", hash = "owner"))]
#[dynamo(global_index(name = "gsi02", hash = "owner"))]
#[dynamo(global_index(name = "gsi03", hash = "owner"))]
#[dynamo(global_index(name = "gsi04", hash = "owner"))]
#[dynamo(global_index(name = "gsi05", hash = "owner"))]
#[dynamo(global_index(name = "gsi06", hash = "owner"))]
#[dynamo(global_index(name = "gsi07", hash = "owner"))]
#[dynamo(global_index(name = "gsi08", hash = "owner"))]
#[dynamo(global_index(name = "gsi09", hash = "owner"))]
#[dynamo(global_index(name = "gsi10", hash = "owner"))]
#[dynamo(global_index(name = "gsi11", hash = "owner"))]
#[dynamo(global_index(name = "gsi12", hash = "owner"))]
#[dynamo(global_index(name = "gsi13", hash = "owner"))]
#[dynamo(global_index(name = "gsi14", hash = "owner"))]
#[dynamo(global_index(name = "gsi15", hash = "owner"))]
#[dynamo(global_index(name = "gsi16", hash = "owner"))]
#[dynamo(global_index(name = "gsi17", hash = "owner"))]
#[dynamo(global_index(name = "gsi18", hash = "owner"))]
#[dynamo(global_index(name = "gsi19", hash = "owner"))]
#[dynamo(global_index(name = "gsi20", hash = "owner"))]
struct Cat {
    #[dynamo(hash_key)]
    id: String,
    owner: String,
}

fn main() {}
