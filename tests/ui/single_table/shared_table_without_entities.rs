use dynamo_model::SharedTable;

#[derive(SharedTable)]
#[dynamo(name = "shop", pk = "pk", sk = "sk")]
struct Shop;

fn main() {}
