#[doc(hidden)]
#[allow(
    non_upper_case_globals,
    non_camel_case_types,
    unused_attributes,
    unused_qualifications,
    unused_mut,
    unused_variables,
    clippy::all
)]
const _: () = {
    const _: () = ::dynamo_model::__private::check_distinct_entities(
        &[
            <Customer as ::dynamo_model::__private::Entity>::ENTITY,
            <Order as ::dynamo_model::__private::Entity>::ENTITY,
        ],
    );
    const _: fn() = || {
        fn stored_in<T>(
            _: ::dynamo_model::__private::core::marker::PhantomData<T>,
            _: ::dynamo_model::__private::core::marker::PhantomData<T>,
        ) {}
        stored_in(
            ::dynamo_model::__private::core::marker::PhantomData::<
                <Customer as ::dynamo_model::__private::Entity>::Table,
            >,
            ::dynamo_model::__private::core::marker::PhantomData::<Shop>,
        );
    };
    const _: fn() = || {
        fn stored_in<T>(
            _: ::dynamo_model::__private::core::marker::PhantomData<T>,
            _: ::dynamo_model::__private::core::marker::PhantomData<T>,
        ) {}
        stored_in(
            ::dynamo_model::__private::core::marker::PhantomData::<
                <Order as ::dynamo_model::__private::Entity>::Table,
            >,
            ::dynamo_model::__private::core::marker::PhantomData::<Shop>,
        );
    };
    #[automatically_derived]
    impl ::dynamo_model::__private::SharedTable for Shop {
        const NAME: &'static str = "shop";
        const PARTITION_KEY: &'static str = "pk";
        const SORT_KEY: ::dynamo_model::__private::core::option::Option<&'static str> = ::dynamo_model::__private::core::option::Option::Some(
            "sk",
        );
        const ENTITY_ATTRIBUTE: &'static str = "_et";
        const INDEXES: &'static [::dynamo_model::__private::IndexSchema] = &[
            ::dynamo_model::__private::IndexSchema {
                name: "gsi1",
                kind: ::dynamo_model::__private::IndexKind::Global,
                partition_key: ::dynamo_model::__private::KeyAttribute {
                    name: "gsi1pk",
                    scalar: ::dynamo_model::__private::KeyScalar::S,
                },
                sort_key: ::dynamo_model::__private::core::option::Option::Some(::dynamo_model::__private::KeyAttribute {
                    name: "gsi1sk",
                    scalar: ::dynamo_model::__private::KeyScalar::S,
                }),
                attributes: ::dynamo_model::__private::IndexAttributes::All,
                more_partition_keys: &[],
                more_sort_keys: &[],
            },
        ];
        const ENTITIES: &'static [&'static str] = &[
            <Customer as ::dynamo_model::__private::Entity>::ENTITY,
            <Order as ::dynamo_model::__private::Entity>::ENTITY,
        ];
    }
};
#[doc(hidden)]
#[allow(
    non_upper_case_globals,
    non_camel_case_types,
    unused_attributes,
    unused_qualifications,
    unused_mut,
    unused_variables,
    clippy::all
)]
const _: () = {
    /// The typed attribute paths of `Customer`, from `Customer::fields()`.
    #[allow(non_camel_case_types)]
    pub struct __DynamoFields {
        /// The path of attribute `username`.
        pub username: ::dynamo_model::__private::expr::KeyPath<String>,
        /// The path of attribute `email`.
        pub email: ::dynamo_model::__private::expr::IndexKeyPath<String>,
        #[doc(hidden)]
        __model: ::dynamo_model::__private::core::marker::PhantomData<fn() -> Customer>,
    }
    /// The secondary indexes of `Customer`, from `Customer::indexes()`.
    pub struct __DynamoIndexes {
        /// The index `gsi1` of the shared table, as `Customer` writes its keys.
        pub gsi1: ::dynamo_model::__private::Index<
            Customer,
            CustomerGsi1Key,
            ::dynamo_model::__private::SortKeyText<CustomerGsi1Key>,
            ::dynamo_model::__private::AllAttributes,
        >,
        __model: ::dynamo_model::__private::core::marker::PhantomData<fn() -> Customer>,
    }
    #[automatically_derived]
    impl ::dynamo_model::__private::Hooks for Customer {}
    #[automatically_derived]
    impl ::dynamo_model::__private::AsyncHooks for Customer {}
    const _: () = ::dynamo_model::__private::check_listed(
        <Shop as ::dynamo_model::__private::SharedTable>::ENTITIES,
        "customer",
    );
    const __SORT_KEY: &str = match <Shop as ::dynamo_model::__private::SharedTable>::SORT_KEY {
        ::dynamo_model::__private::core::option::Option::Some(name) => name,
        ::dynamo_model::__private::core::option::Option::None => {
            ::dynamo_model::__private::core::panic!(
                "this model has a `sort_key` template, but its shared table has no sort key: remove `sort_key`, or give the table `sort_key = \"...\"`"
            )
        }
    };
    #[automatically_derived]
    impl<'k> ::dynamo_model::__private::PartitionValue<Customer>
    for <String as ::dynamo_model::__private::KeyPart>::Arg<'k> {
        fn partition_attribute(
            &self,
            _name: &str,
        ) -> ::dynamo_model::__private::core::result::Result<
            ::dynamo_model::__private::AttributeValue,
            ::dynamo_model::__private::ConversionError,
        > {
            let __key_username = self;
            ::dynamo_model::__private::core::result::Result::Ok(
                ::dynamo_model::__private::AttributeValue::S({
                    let mut key = ::dynamo_model::__private::KeyText::new(
                        <Shop as ::dynamo_model::__private::SharedTable>::PARTITION_KEY,
                        "#",
                        35usize,
                    );
                    key.literal("CUSTOMER#");
                    key.part("username", __key_username)?;
                    key.finish()
                }),
            )
        }
    }
    /// A whole sort key of `Customer`.
    pub struct CustomerSortKey(
        ::dynamo_model::__private::core::result::Result<
            ::dynamo_model::__private::std::string::String,
            ::dynamo_model::__private::ConversionError,
        >,
    );
    #[automatically_derived]
    impl ::dynamo_model::__private::expr::ValueOf<
        ::dynamo_model::__private::SortKeyText<Customer>,
    > for CustomerSortKey {
        fn to_stored(
            &self,
        ) -> ::dynamo_model::__private::core::result::Result<
            ::dynamo_model::__private::core::option::Option<
                ::dynamo_model::__private::AttributeValue,
            >,
            ::dynamo_model::__private::ConversionError,
        > {
            match &self.0 {
                ::dynamo_model::__private::core::result::Result::Ok(text) => {
                    ::dynamo_model::__private::core::result::Result::Ok(
                        ::dynamo_model::__private::core::option::Option::Some(
                            ::dynamo_model::__private::AttributeValue::S(
                                ::dynamo_model::__private::std::clone::Clone::clone(text),
                            ),
                        ),
                    )
                }
                ::dynamo_model::__private::core::result::Result::Err(error) => {
                    ::dynamo_model::__private::core::result::Result::Err(
                        ::dynamo_model::__private::std::clone::Clone::clone(error),
                    )
                }
            }
        }
    }
    #[automatically_derived]
    impl ::dynamo_model::__private::KeyTemplate for Customer {
        type Start = CustomerSortKey;
        fn start() -> CustomerSortKey {
            CustomerSortKey(
                ::dynamo_model::__private::core::result::Result::Ok(
                    ::dynamo_model::__private::std::borrow::ToOwned::to_owned("PROFILE"),
                ),
            )
        }
    }
    const __INDEX_GSI1: ::dynamo_model::__private::IndexSchema = ::dynamo_model::__private::shared_index(
        <Shop as ::dynamo_model::__private::SharedTable>::INDEXES,
        "gsi1",
    );
    const __INDEX_GSI1_SK: &str = ::dynamo_model::__private::shared_index_sort_key(
        __INDEX_GSI1,
    );
    /// The keys of `Customer` in index `gsi1`, as a type.
    pub struct CustomerGsi1Key;
    #[automatically_derived]
    impl<'k> ::dynamo_model::__private::PartitionValue<CustomerGsi1Key>
    for <String as ::dynamo_model::__private::KeyPart>::Arg<'k> {
        fn partition_attribute(
            &self,
            _name: &str,
        ) -> ::dynamo_model::__private::core::result::Result<
            ::dynamo_model::__private::AttributeValue,
            ::dynamo_model::__private::ConversionError,
        > {
            let __key_email = self;
            ::dynamo_model::__private::core::result::Result::Ok(
                ::dynamo_model::__private::AttributeValue::S({
                    let mut key = ::dynamo_model::__private::KeyText::new(
                        __INDEX_GSI1.partition_key.name,
                        "#",
                        29usize,
                    );
                    key.literal("EMAIL#");
                    key.part("email", __key_email)?;
                    key.finish()
                }),
            )
        }
    }
    /// A whole sort key of `Customer` in index `gsi1`.
    pub struct CustomerGsi1KeySort(
        ::dynamo_model::__private::core::result::Result<
            ::dynamo_model::__private::std::string::String,
            ::dynamo_model::__private::ConversionError,
        >,
    );
    #[automatically_derived]
    impl ::dynamo_model::__private::expr::ValueOf<
        ::dynamo_model::__private::SortKeyText<CustomerGsi1Key>,
    > for CustomerGsi1KeySort {
        fn to_stored(
            &self,
        ) -> ::dynamo_model::__private::core::result::Result<
            ::dynamo_model::__private::core::option::Option<
                ::dynamo_model::__private::AttributeValue,
            >,
            ::dynamo_model::__private::ConversionError,
        > {
            match &self.0 {
                ::dynamo_model::__private::core::result::Result::Ok(text) => {
                    ::dynamo_model::__private::core::result::Result::Ok(
                        ::dynamo_model::__private::core::option::Option::Some(
                            ::dynamo_model::__private::AttributeValue::S(
                                ::dynamo_model::__private::std::clone::Clone::clone(text),
                            ),
                        ),
                    )
                }
                ::dynamo_model::__private::core::result::Result::Err(error) => {
                    ::dynamo_model::__private::core::result::Result::Err(
                        ::dynamo_model::__private::std::clone::Clone::clone(error),
                    )
                }
            }
        }
    }
    #[automatically_derived]
    impl ::dynamo_model::__private::KeyTemplate for CustomerGsi1Key {
        type Start = CustomerGsi1KeySort;
        fn start() -> CustomerGsi1KeySort {
            CustomerGsi1KeySort(
                ::dynamo_model::__private::core::result::Result::Ok(
                    ::dynamo_model::__private::std::borrow::ToOwned::to_owned("CUSTOMER"),
                ),
            )
        }
    }
    impl Customer {
        /// Update actions changing the key of index `gsi1`: `email` together, with the index's key attributes rewritten in the same request, so they never go stale. Pass them to `.merge(..)` of an update.
        ///
        ///
        #[allow(clippy::too_many_arguments)]
        pub fn set_gsi1(
            __key_email: <String as ::dynamo_model::__private::KeyPart>::Arg<'_>,
        ) -> ::dynamo_model::__private::expr::Update {
            let update = ::dynamo_model::__private::expr::Update::new();
            let update = ::dynamo_model::__private::expr::UpdateActions::set(
                update,
                ::dynamo_model::__private::expr::Path::<
                    String,
                >::new(::dynamo_model::__private::expr::RawPath::attribute("email")),
                __key_email,
            );
            let update = update
                .set_derived(
                    __INDEX_GSI1.partition_key.name,
                    (|| -> ::dynamo_model::__private::core::result::Result<
                        ::dynamo_model::__private::std::string::String,
                        ::dynamo_model::__private::ConversionError,
                    > {
                        ::dynamo_model::__private::core::result::Result::Ok({
                            let mut key = ::dynamo_model::__private::KeyText::new(
                                __INDEX_GSI1.partition_key.name,
                                "#",
                                29usize,
                            );
                            key.literal("EMAIL#");
                            key.part("email", &__key_email)?;
                            key.finish()
                        })
                    })(),
                );
            let update = update
                .set_derived(
                    __INDEX_GSI1_SK,
                    (|| -> ::dynamo_model::__private::core::result::Result<
                        ::dynamo_model::__private::std::string::String,
                        ::dynamo_model::__private::ConversionError,
                    > {
                        ::dynamo_model::__private::core::result::Result::Ok({
                            let mut key = ::dynamo_model::__private::KeyText::new(
                                __INDEX_GSI1_SK,
                                "",
                                24usize,
                            );
                            key.literal("CUSTOMER");
                            key.finish()
                        })
                    })(),
                );
            update
        }
    }
    #[automatically_derived]
    impl ::dynamo_model::__private::IndexByName<163118538361189913u64> for Customer {
        type Handle = ::dynamo_model::__private::Index<
            Customer,
            CustomerGsi1Key,
            ::dynamo_model::__private::SortKeyText<CustomerGsi1Key>,
            ::dynamo_model::__private::AllAttributes,
        >;
        fn index() -> Self::Handle {
            ::dynamo_model::__private::Index::new(
                    "gsi1",
                    __INDEX_GSI1.partition_key.name,
                    ::dynamo_model::__private::core::option::Option::Some(
                        __INDEX_GSI1_SK,
                    ),
                )
                .with_sort_prefix("CUSTOMER")
        }
    }
    #[automatically_derived]
    impl ::dynamo_model::__private::Entity for Customer {
        type Table = Shop;
        type SortKeyStart = CustomerSortKey;
        const ENTITY: &'static str = "customer";
        const PARTITION_SHAPE: &'static str = "CUSTOMER#{String}";
        fn sort_key() -> CustomerSortKey {
            CustomerSortKey(
                ::dynamo_model::__private::core::result::Result::Ok(
                    ::dynamo_model::__private::std::borrow::ToOwned::to_owned("PROFILE"),
                ),
            )
        }
    }
    #[automatically_derived]
    impl<'k> ::dynamo_model::__private::KeyArg<Customer> for &'k str {
        fn key_item(
            self,
        ) -> ::dynamo_model::__private::core::result::Result<
            ::dynamo_model::__private::Item,
            ::dynamo_model::__private::ConversionError,
        > {
            let __part0 = self;
            <Customer as ::dynamo_model::__private::Model>::key_item(__part0)
        }
    }
    #[automatically_derived]
    impl<'k> ::dynamo_model::__private::KeyArg<Customer>
    for &'k ::dynamo_model::__private::std::string::String {
        fn key_item(
            self,
        ) -> ::dynamo_model::__private::core::result::Result<
            ::dynamo_model::__private::Item,
            ::dynamo_model::__private::ConversionError,
        > {
            let __part0 = self;
            <Customer as ::dynamo_model::__private::Model>::key_item(__part0.as_str())
        }
    }
    #[automatically_derived]
    impl<'k> ::dynamo_model::__private::KeyArg<Customer> for &'k &'k str {
        fn key_item(
            self,
        ) -> ::dynamo_model::__private::core::result::Result<
            ::dynamo_model::__private::Item,
            ::dynamo_model::__private::ConversionError,
        > {
            let __part0 = self;
            <Customer as ::dynamo_model::__private::Model>::key_item(*__part0)
        }
    }
    /// The relations of `Customer`, from `Customer::relations()`.
    pub struct __DynamoRelations {
        /// The `orders` of a `Customer`, one query per parent.
        pub orders: ::dynamo_model::__private::HasMany<Customer, Order>,
        /// The `view` of a `Customer`, one query per parent.
        pub view: ::dynamo_model::__private::HasMany<Customer, CustomerView>,
    }
    #[automatically_derived]
    impl ::dynamo_model::__private::Related for Customer {
        type Relations = __DynamoRelations;
        fn relations() -> __DynamoRelations {
            fn __query_orders<'a>(
                self_: &Customer,
                db: &'a ::dynamo_model::__private::Db,
                consistent: bool,
            ) -> ::dynamo_model::__private::OpFuture<
                'a,
                ::dynamo_model::__private::std::vec::Vec<Order>,
            > {
                ::dynamo_model::__private::children_of(
                    <Order as ::dynamo_model::__private::ModelExt>::query(
                            db,
                            ::dynamo_model::__private::KeyType::key_arg(&self_.username),
                        )
                        .consistent_read(consistent),
                )
            }
            fn __query_view<'a>(
                self_: &Customer,
                db: &'a ::dynamo_model::__private::Db,
                consistent: bool,
            ) -> ::dynamo_model::__private::OpFuture<
                'a,
                ::dynamo_model::__private::std::vec::Vec<CustomerView>,
            > {
                ::dynamo_model::__private::children_of(
                    <CustomerView as ::dynamo_model::__private::PartitionCollection>::query_partition(
                            db,
                            ::dynamo_model::__private::KeyType::key_arg(&self_.username),
                        )
                        .consistent_read(consistent),
                )
            }
            __DynamoRelations {
                orders: ::dynamo_model::__private::HasMany::new(
                    "orders",
                    __query_orders,
                ),
                view: ::dynamo_model::__private::HasMany::new("view", __query_view),
            }
        }
    }
    impl Customer {
        /// The `orders` of this `Customer`: `Order::query(db, &self.username)`, one query (every page when awaited); narrow it like any query.
        pub fn orders<'a>(
            &self,
            db: &'a ::dynamo_model::__private::Db,
        ) -> ::dynamo_model::__private::Query<
            'a,
            Order,
            <Order as ::dynamo_model::__private::Model>::SortKey,
        > {
            let self_ = self;
            <Order as ::dynamo_model::__private::ModelExt>::query(
                db,
                ::dynamo_model::__private::KeyType::key_arg(&self_.username),
            )
        }
        /// The `view` of this `Customer`: `CustomerView::query(db, &self.username)`, the whole partition in one query (every page when awaited).
        pub fn view<'a>(
            &self,
            db: &'a ::dynamo_model::__private::Db,
        ) -> ::dynamo_model::__private::Query<
            'a,
            <CustomerView as ::dynamo_model::__private::PartitionCollection>::Member,
            ::dynamo_model::__private::NoSortKey,
            CustomerView,
        > {
            let self_ = self;
            <CustomerView as ::dynamo_model::__private::PartitionCollection>::query_partition(
                db,
                ::dynamo_model::__private::KeyType::key_arg(&self_.username),
            )
        }
    }
    #[automatically_derived]
    impl ::dynamo_model::__private::Model for Customer {
        type Key<'k> = <String as ::dynamo_model::__private::KeyPart>::Arg<'k>;
        type PartitionKey = Self;
        type SortKey = ::dynamo_model::__private::SortKeyText<Self>;
        type Fields = __DynamoFields;
        fn fields() -> Self::Fields {
            __DynamoFields {
                username: ::dynamo_model::__private::expr::KeyPath::new(
                    ::dynamo_model::__private::expr::RawPath::from_static(
                        &[
                            ::dynamo_model::__private::expr::Segment::Name(
                                ::dynamo_model::__private::std::borrow::Cow::Borrowed(
                                    "username",
                                ),
                            ),
                        ],
                    ),
                ),
                email: ::dynamo_model::__private::expr::IndexKeyPath::new(
                    ::dynamo_model::__private::expr::RawPath::from_static(
                        &[
                            ::dynamo_model::__private::expr::Segment::Name(
                                ::dynamo_model::__private::std::borrow::Cow::Borrowed(
                                    "email",
                                ),
                            ),
                        ],
                    ),
                ),
                __model: ::dynamo_model::__private::core::marker::PhantomData,
            }
        }
        type Indexes = __DynamoIndexes;
        fn indexes() -> Self::Indexes {
            __DynamoIndexes {
                gsi1: ::dynamo_model::__private::Index::new(
                        "gsi1",
                        __INDEX_GSI1.partition_key.name,
                        ::dynamo_model::__private::core::option::Option::Some(
                            __INDEX_GSI1_SK,
                        ),
                    )
                    .with_sort_prefix("CUSTOMER"),
                __model: ::dynamo_model::__private::core::marker::PhantomData,
            }
        }
        const SCHEMA: ::dynamo_model::__private::Schema = ::dynamo_model::__private::Schema {
            name: "Customer",
            table: <Shop as ::dynamo_model::__private::SharedTable>::NAME,
            partition_key: ::dynamo_model::__private::KeyAttribute {
                name: <Shop as ::dynamo_model::__private::SharedTable>::PARTITION_KEY,
                scalar: ::dynamo_model::__private::KeyScalar::S,
            },
            sort_key: ::dynamo_model::__private::core::option::Option::Some(::dynamo_model::__private::KeyAttribute {
                name: __SORT_KEY,
                scalar: ::dynamo_model::__private::KeyScalar::S,
            }),
            indexes: <Shop as ::dynamo_model::__private::SharedTable>::INDEXES,
            entity: ::dynamo_model::__private::core::option::Option::Some(::dynamo_model::__private::EntitySchema {
                name: "customer",
                attribute: <Shop as ::dynamo_model::__private::SharedTable>::ENTITY_ATTRIBUTE,
                partition_template: "CUSTOMER#{username}",
                sort_template: ::dynamo_model::__private::core::option::Option::Some(
                    "PROFILE",
                ),
                sort_prefix: "PROFILE",
            }),
            attributes: &["username", "email"],
            ttl: ::dynamo_model::__private::core::option::Option::None,
            version: ::dynamo_model::__private::core::option::Option::None,
            created_at: ::dynamo_model::__private::core::option::Option::None,
            updated_at: ::dynamo_model::__private::core::option::Option::None,
            counters: &[],
            uniques: &[],
            schema_version: ::dynamo_model::__private::core::option::Option::None,
            fields: &[
                ::dynamo_model::__private::FieldSchema {
                    name: "username",
                    rust_type: "String",
                    required: true,
                    aliases: &[],
                },
                ::dynamo_model::__private::FieldSchema {
                    name: "email",
                    rust_type: "String",
                    required: true,
                    aliases: &[],
                },
            ],
        };
        fn to_item(
            &self,
        ) -> ::dynamo_model::__private::core::result::Result<
            ::dynamo_model::__private::Item,
            ::dynamo_model::__private::ConversionError,
        > {
            let mut item = ::dynamo_model::__private::Item::with_capacity(7usize);
            ::dynamo_model::__private::write_field::<
                String,
            >(&mut item, "username", &self.username)?;
            ::dynamo_model::__private::write_field::<
                String,
            >(&mut item, "email", &self.email)?;
            item.insert(
                ::dynamo_model::__private::std::borrow::ToOwned::to_owned(
                    <Shop as ::dynamo_model::__private::SharedTable>::PARTITION_KEY,
                ),
                ::dynamo_model::__private::AttributeValue::S({
                    let mut key = ::dynamo_model::__private::KeyText::new(
                        <Shop as ::dynamo_model::__private::SharedTable>::PARTITION_KEY,
                        "#",
                        35usize,
                    );
                    key.literal("CUSTOMER#");
                    key.part("username", &self.username)?;
                    key.finish()
                }),
            );
            item.insert(
                ::dynamo_model::__private::std::borrow::ToOwned::to_owned(__SORT_KEY),
                ::dynamo_model::__private::AttributeValue::S({
                    let mut key = ::dynamo_model::__private::KeyText::new(
                        __SORT_KEY,
                        "",
                        23usize,
                    );
                    key.literal("PROFILE");
                    key.finish()
                }),
            );
            item.insert(
                ::dynamo_model::__private::std::borrow::ToOwned::to_owned(
                    <Shop as ::dynamo_model::__private::SharedTable>::ENTITY_ATTRIBUTE,
                ),
                ::dynamo_model::__private::AttributeValue::S(
                    ::dynamo_model::__private::std::borrow::ToOwned::to_owned("customer"),
                ),
            );
            item.insert(
                ::dynamo_model::__private::std::borrow::ToOwned::to_owned(
                    __INDEX_GSI1.partition_key.name,
                ),
                ::dynamo_model::__private::AttributeValue::S({
                    let mut key = ::dynamo_model::__private::KeyText::new(
                        __INDEX_GSI1.partition_key.name,
                        "#",
                        29usize,
                    );
                    key.literal("EMAIL#");
                    key.part("email", &self.email)?;
                    key.finish()
                }),
            );
            item.insert(
                ::dynamo_model::__private::std::borrow::ToOwned::to_owned(
                    __INDEX_GSI1_SK,
                ),
                ::dynamo_model::__private::AttributeValue::S({
                    let mut key = ::dynamo_model::__private::KeyText::new(
                        __INDEX_GSI1_SK,
                        "",
                        24usize,
                    );
                    key.literal("CUSTOMER");
                    key.finish()
                }),
            );
            ::dynamo_model::__private::core::result::Result::Ok(item)
        }
        fn from_item(
            mut item: ::dynamo_model::__private::Item,
        ) -> ::dynamo_model::__private::core::result::Result<
            Self,
            ::dynamo_model::__private::ConversionError,
        > {
            ::dynamo_model::__private::check_entity(
                &item,
                <Shop as ::dynamo_model::__private::SharedTable>::ENTITY_ATTRIBUTE,
                "customer",
            )?;
            let value = {
                let __field0: String = ::dynamo_model::__private::read_field::<
                    String,
                >(item.remove("username"), "username")?;
                let __field1: String = ::dynamo_model::__private::read_field::<
                    String,
                >(item.remove("email"), "email")?;
                Self {
                    username: __field0,
                    email: __field1,
                }
            };
            for (name, stored) in &item {
                let name = name.as_str();
                if name
                    == <Shop as ::dynamo_model::__private::SharedTable>::PARTITION_KEY
                {
                    let matches = match stored {
                        ::dynamo_model::__private::AttributeValue::S(stored) => {
                            let mut key = ::dynamo_model::__private::StoredKey::new(
                                stored,
                            );
                            key.literal("CUSTOMER#");
                            key.part(&value.username);
                            key.matches()
                        }
                        _ => false,
                    };
                    if !matches {
                        let expected: ::dynamo_model::__private::std::string::String = {
                            let mut key = ::dynamo_model::__private::KeyText::new(
                                <Shop as ::dynamo_model::__private::SharedTable>::PARTITION_KEY,
                                "#",
                                35usize,
                            );
                            key.literal("CUSTOMER#");
                            key.part("username", &value.username)?;
                            key.finish()
                        };
                        ::dynamo_model::__private::check_stored_key(
                            <Shop as ::dynamo_model::__private::SharedTable>::PARTITION_KEY,
                            stored,
                            &expected,
                        )?;
                    }
                    continue;
                }
                if name == __SORT_KEY {
                    let matches = match stored {
                        ::dynamo_model::__private::AttributeValue::S(stored) => {
                            let mut key = ::dynamo_model::__private::StoredKey::new(
                                stored,
                            );
                            key.literal("PROFILE");
                            key.matches()
                        }
                        _ => false,
                    };
                    if !matches {
                        let expected: ::dynamo_model::__private::std::string::String = {
                            let mut key = ::dynamo_model::__private::KeyText::new(
                                __SORT_KEY,
                                "",
                                23usize,
                            );
                            key.literal("PROFILE");
                            key.finish()
                        };
                        ::dynamo_model::__private::check_stored_key(
                            __SORT_KEY,
                            stored,
                            &expected,
                        )?;
                    }
                    continue;
                }
            }
            ::dynamo_model::__private::core::result::Result::Ok(value)
        }
        fn key_item(
            key: <String as ::dynamo_model::__private::KeyPart>::Arg<'_>,
        ) -> ::dynamo_model::__private::core::result::Result<
            ::dynamo_model::__private::Item,
            ::dynamo_model::__private::ConversionError,
        > {
            let __key_username = key;
            ::dynamo_model::__private::key_item_of(
                (
                    <Shop as ::dynamo_model::__private::SharedTable>::PARTITION_KEY,
                    ::dynamo_model::__private::AttributeValue::S({
                        let mut key = ::dynamo_model::__private::KeyText::new(
                            <Shop as ::dynamo_model::__private::SharedTable>::PARTITION_KEY,
                            "#",
                            35usize,
                        );
                        key.literal("CUSTOMER#");
                        key.part("username", &__key_username)?;
                        key.finish()
                    }),
                ),
                ::dynamo_model::__private::core::option::Option::Some((
                    __SORT_KEY,
                    ::dynamo_model::__private::AttributeValue::S({
                        let mut key = ::dynamo_model::__private::KeyText::new(
                            __SORT_KEY,
                            "",
                            23usize,
                        );
                        key.literal("PROFILE");
                        key.finish()
                    }),
                )),
            )
        }
        fn item_key(
            &self,
        ) -> ::dynamo_model::__private::core::result::Result<
            ::dynamo_model::__private::Item,
            ::dynamo_model::__private::ConversionError,
        > {
            ::dynamo_model::__private::key_item_of(
                (
                    <Shop as ::dynamo_model::__private::SharedTable>::PARTITION_KEY,
                    ::dynamo_model::__private::AttributeValue::S({
                        let mut key = ::dynamo_model::__private::KeyText::new(
                            <Shop as ::dynamo_model::__private::SharedTable>::PARTITION_KEY,
                            "#",
                            35usize,
                        );
                        key.literal("CUSTOMER#");
                        key.part("username", &self.username)?;
                        key.finish()
                    }),
                ),
                ::dynamo_model::__private::core::option::Option::Some((
                    __SORT_KEY,
                    ::dynamo_model::__private::AttributeValue::S({
                        let mut key = ::dynamo_model::__private::KeyText::new(
                            __SORT_KEY,
                            "",
                            23usize,
                        );
                        key.literal("PROFILE");
                        key.finish()
                    }),
                )),
            )
        }
        fn validate(
            &self,
        ) -> ::dynamo_model::__private::core::result::Result<
            (),
            ::dynamo_model::__private::ValidationErrors,
        > {
            let mut all = ::dynamo_model::__private::Failures::new();
            let failures = &mut all;
            let path = "";
            ::dynamo_model::__private::Hooks::validate_model(self, failures);
            all.into_result(<Self as ::dynamo_model::__private::Model>::SCHEMA.table)
        }
    }
    #[automatically_derived]
    impl ::dynamo_model::__private::WriteBehaviours for Customer {}
};
#[doc(hidden)]
#[allow(
    non_upper_case_globals,
    non_camel_case_types,
    unused_attributes,
    unused_qualifications,
    unused_mut,
    unused_variables,
    clippy::all
)]
const _: () = {
    /// The typed attribute paths of `Order`, from `Order::fields()`.
    #[allow(non_camel_case_types)]
    pub struct __DynamoFields {
        /// The path of attribute `username`.
        pub username: ::dynamo_model::__private::expr::KeyPath<String>,
        /// The path of attribute `customer`.
        pub customer: <Ref<
            Customer,
        > as ::dynamo_model::__private::expr::Navigable>::Handle<Ref<Customer>>,
        /// The path of attribute `order_id`.
        pub order_id: ::dynamo_model::__private::expr::KeyPath<String>,
        /// The path of attribute `placed`.
        pub placed: ::dynamo_model::__private::expr::KeyPath<u32>,
        /// The path of attribute `total_cents`.
        pub total_cents: <u64 as ::dynamo_model::__private::expr::Navigable>::Handle<
            u64,
        >,
        #[doc(hidden)]
        __model: ::dynamo_model::__private::core::marker::PhantomData<fn() -> Order>,
    }
    /// The secondary indexes of `Order`, from `Order::indexes()`.
    pub struct __DynamoIndexes {
        /// The index `gsi1` of the shared table, as `Order` writes its keys.
        pub gsi1: ::dynamo_model::__private::Index<
            Order,
            OrderGsi1Key,
            ::dynamo_model::__private::SortKeyText<OrderGsi1Key>,
            ::dynamo_model::__private::AllAttributes,
        >,
        __model: ::dynamo_model::__private::core::marker::PhantomData<fn() -> Order>,
    }
    #[automatically_derived]
    impl ::dynamo_model::__private::Hooks for Order {}
    #[automatically_derived]
    impl ::dynamo_model::__private::AsyncHooks for Order {}
    const _: () = ::dynamo_model::__private::check_listed(
        <Shop as ::dynamo_model::__private::SharedTable>::ENTITIES,
        "order",
    );
    const __SORT_KEY: &str = match <Shop as ::dynamo_model::__private::SharedTable>::SORT_KEY {
        ::dynamo_model::__private::core::option::Option::Some(name) => name,
        ::dynamo_model::__private::core::option::Option::None => {
            ::dynamo_model::__private::core::panic!(
                "this model has a `sort_key` template, but its shared table has no sort key: remove `sort_key`, or give the table `sort_key = \"...\"`"
            )
        }
    };
    #[automatically_derived]
    impl<'k> ::dynamo_model::__private::PartitionValue<Order>
    for <String as ::dynamo_model::__private::KeyPart>::Arg<'k> {
        fn partition_attribute(
            &self,
            _name: &str,
        ) -> ::dynamo_model::__private::core::result::Result<
            ::dynamo_model::__private::AttributeValue,
            ::dynamo_model::__private::ConversionError,
        > {
            let __key_username = self;
            ::dynamo_model::__private::core::result::Result::Ok(
                ::dynamo_model::__private::AttributeValue::S({
                    let mut key = ::dynamo_model::__private::KeyText::new(
                        <Shop as ::dynamo_model::__private::SharedTable>::PARTITION_KEY,
                        "#",
                        35usize,
                    );
                    key.literal("CUSTOMER#");
                    key.part("username", __key_username)?;
                    key.finish()
                }),
            )
        }
    }
    /// A sort key prefix of `Order`; `.placed(..)` narrows it further.
    pub struct OrderSortKey(
        ::dynamo_model::__private::core::result::Result<
            ::dynamo_model::__private::std::string::String,
            ::dynamo_model::__private::ConversionError,
        >,
    );
    impl OrderSortKey {
        /// The sort key's `placed` part.
        pub fn placed(
            self,
            value: <u32 as ::dynamo_model::__private::KeyPart>::Arg<'_>,
        ) -> OrderSortKeyToPlaced {
            OrderSortKeyToPlaced(
                self
                    .0
                    .and_then(|text| {
                        let mut key = ::dynamo_model::__private::KeyText::resume(
                            text,
                            __SORT_KEY,
                            "#",
                        );
                        key.part("placed", &value)?;
                        key.literal("#");
                        ::dynamo_model::__private::core::result::Result::Ok(key.finish())
                    }),
            )
        }
    }
    #[automatically_derived]
    impl ::dynamo_model::__private::expr::ValueOf<
        ::dynamo_model::__private::SortKeyText<Order>,
    > for OrderSortKey {
        fn to_stored(
            &self,
        ) -> ::dynamo_model::__private::core::result::Result<
            ::dynamo_model::__private::core::option::Option<
                ::dynamo_model::__private::AttributeValue,
            >,
            ::dynamo_model::__private::ConversionError,
        > {
            match &self.0 {
                ::dynamo_model::__private::core::result::Result::Ok(text) => {
                    ::dynamo_model::__private::core::result::Result::Ok(
                        ::dynamo_model::__private::core::option::Option::Some(
                            ::dynamo_model::__private::AttributeValue::S(
                                ::dynamo_model::__private::std::clone::Clone::clone(text),
                            ),
                        ),
                    )
                }
                ::dynamo_model::__private::core::result::Result::Err(error) => {
                    ::dynamo_model::__private::core::result::Result::Err(
                        ::dynamo_model::__private::std::clone::Clone::clone(error),
                    )
                }
            }
        }
    }
    /// A sort key prefix of `Order`; `.order_id(..)` narrows it further.
    pub struct OrderSortKeyToPlaced(
        ::dynamo_model::__private::core::result::Result<
            ::dynamo_model::__private::std::string::String,
            ::dynamo_model::__private::ConversionError,
        >,
    );
    impl OrderSortKeyToPlaced {
        /// The sort key's `order_id` part.
        pub fn order_id(
            self,
            value: <String as ::dynamo_model::__private::KeyPart>::Arg<'_>,
        ) -> OrderSortKeyToOrderId {
            OrderSortKeyToOrderId(
                self
                    .0
                    .and_then(|text| {
                        let mut key = ::dynamo_model::__private::KeyText::resume(
                            text,
                            __SORT_KEY,
                            "#",
                        );
                        key.part("order_id", &value)?;
                        key.literal("");
                        ::dynamo_model::__private::core::result::Result::Ok(key.finish())
                    }),
            )
        }
    }
    #[automatically_derived]
    impl ::dynamo_model::__private::expr::ValueOf<
        ::dynamo_model::__private::SortKeyText<Order>,
    > for OrderSortKeyToPlaced {
        fn to_stored(
            &self,
        ) -> ::dynamo_model::__private::core::result::Result<
            ::dynamo_model::__private::core::option::Option<
                ::dynamo_model::__private::AttributeValue,
            >,
            ::dynamo_model::__private::ConversionError,
        > {
            match &self.0 {
                ::dynamo_model::__private::core::result::Result::Ok(text) => {
                    ::dynamo_model::__private::core::result::Result::Ok(
                        ::dynamo_model::__private::core::option::Option::Some(
                            ::dynamo_model::__private::AttributeValue::S(
                                ::dynamo_model::__private::std::clone::Clone::clone(text),
                            ),
                        ),
                    )
                }
                ::dynamo_model::__private::core::result::Result::Err(error) => {
                    ::dynamo_model::__private::core::result::Result::Err(
                        ::dynamo_model::__private::std::clone::Clone::clone(error),
                    )
                }
            }
        }
    }
    /// A whole sort key of `Order`.
    pub struct OrderSortKeyToOrderId(
        ::dynamo_model::__private::core::result::Result<
            ::dynamo_model::__private::std::string::String,
            ::dynamo_model::__private::ConversionError,
        >,
    );
    #[automatically_derived]
    impl ::dynamo_model::__private::expr::ValueOf<
        ::dynamo_model::__private::SortKeyText<Order>,
    > for OrderSortKeyToOrderId {
        fn to_stored(
            &self,
        ) -> ::dynamo_model::__private::core::result::Result<
            ::dynamo_model::__private::core::option::Option<
                ::dynamo_model::__private::AttributeValue,
            >,
            ::dynamo_model::__private::ConversionError,
        > {
            match &self.0 {
                ::dynamo_model::__private::core::result::Result::Ok(text) => {
                    ::dynamo_model::__private::core::result::Result::Ok(
                        ::dynamo_model::__private::core::option::Option::Some(
                            ::dynamo_model::__private::AttributeValue::S(
                                ::dynamo_model::__private::std::clone::Clone::clone(text),
                            ),
                        ),
                    )
                }
                ::dynamo_model::__private::core::result::Result::Err(error) => {
                    ::dynamo_model::__private::core::result::Result::Err(
                        ::dynamo_model::__private::std::clone::Clone::clone(error),
                    )
                }
            }
        }
    }
    #[automatically_derived]
    impl ::dynamo_model::__private::KeyTemplate for Order {
        type Start = OrderSortKey;
        fn start() -> OrderSortKey {
            OrderSortKey(
                ::dynamo_model::__private::core::result::Result::Ok(
                    ::dynamo_model::__private::std::borrow::ToOwned::to_owned("ORDER#"),
                ),
            )
        }
    }
    const __INDEX_GSI1: ::dynamo_model::__private::IndexSchema = ::dynamo_model::__private::shared_index(
        <Shop as ::dynamo_model::__private::SharedTable>::INDEXES,
        "gsi1",
    );
    const __INDEX_GSI1_SK: &str = ::dynamo_model::__private::shared_index_sort_key(
        __INDEX_GSI1,
    );
    /// The keys of `Order` in index `gsi1`, as a type.
    pub struct OrderGsi1Key;
    #[automatically_derived]
    impl<'k> ::dynamo_model::__private::PartitionValue<OrderGsi1Key>
    for <String as ::dynamo_model::__private::KeyPart>::Arg<'k> {
        fn partition_attribute(
            &self,
            _name: &str,
        ) -> ::dynamo_model::__private::core::result::Result<
            ::dynamo_model::__private::AttributeValue,
            ::dynamo_model::__private::ConversionError,
        > {
            let __key_order_id = self;
            ::dynamo_model::__private::core::result::Result::Ok(
                ::dynamo_model::__private::AttributeValue::S({
                    let mut key = ::dynamo_model::__private::KeyText::new(
                        __INDEX_GSI1.partition_key.name,
                        "#",
                        32usize,
                    );
                    key.literal("ORDER#");
                    key.part("order_id", __key_order_id)?;
                    key.finish()
                }),
            )
        }
    }
    /// A whole sort key of `Order` in index `gsi1`.
    pub struct OrderGsi1KeySort(
        ::dynamo_model::__private::core::result::Result<
            ::dynamo_model::__private::std::string::String,
            ::dynamo_model::__private::ConversionError,
        >,
    );
    #[automatically_derived]
    impl ::dynamo_model::__private::expr::ValueOf<
        ::dynamo_model::__private::SortKeyText<OrderGsi1Key>,
    > for OrderGsi1KeySort {
        fn to_stored(
            &self,
        ) -> ::dynamo_model::__private::core::result::Result<
            ::dynamo_model::__private::core::option::Option<
                ::dynamo_model::__private::AttributeValue,
            >,
            ::dynamo_model::__private::ConversionError,
        > {
            match &self.0 {
                ::dynamo_model::__private::core::result::Result::Ok(text) => {
                    ::dynamo_model::__private::core::result::Result::Ok(
                        ::dynamo_model::__private::core::option::Option::Some(
                            ::dynamo_model::__private::AttributeValue::S(
                                ::dynamo_model::__private::std::clone::Clone::clone(text),
                            ),
                        ),
                    )
                }
                ::dynamo_model::__private::core::result::Result::Err(error) => {
                    ::dynamo_model::__private::core::result::Result::Err(
                        ::dynamo_model::__private::std::clone::Clone::clone(error),
                    )
                }
            }
        }
    }
    #[automatically_derived]
    impl ::dynamo_model::__private::KeyTemplate for OrderGsi1Key {
        type Start = OrderGsi1KeySort;
        fn start() -> OrderGsi1KeySort {
            OrderGsi1KeySort(
                ::dynamo_model::__private::core::result::Result::Ok(
                    ::dynamo_model::__private::std::borrow::ToOwned::to_owned("ORDER"),
                ),
            )
        }
    }
    impl Order {
        /// Update actions changing the key of index `gsi1`: `order_id` together, with the index's key attributes rewritten in the same request, so they never go stale. Pass them to `.merge(..)` of an update.
        ///
        ///
        #[allow(clippy::too_many_arguments)]
        pub fn set_gsi1(
            __key_order_id: <String as ::dynamo_model::__private::KeyPart>::Arg<'_>,
        ) -> ::dynamo_model::__private::expr::Update {
            let update = ::dynamo_model::__private::expr::Update::new();
            let update = update
                .set_derived(
                    __INDEX_GSI1.partition_key.name,
                    (|| -> ::dynamo_model::__private::core::result::Result<
                        ::dynamo_model::__private::std::string::String,
                        ::dynamo_model::__private::ConversionError,
                    > {
                        ::dynamo_model::__private::core::result::Result::Ok({
                            let mut key = ::dynamo_model::__private::KeyText::new(
                                __INDEX_GSI1.partition_key.name,
                                "#",
                                32usize,
                            );
                            key.literal("ORDER#");
                            key.part("order_id", &__key_order_id)?;
                            key.finish()
                        })
                    })(),
                );
            let update = update
                .set_derived(
                    __INDEX_GSI1_SK,
                    (|| -> ::dynamo_model::__private::core::result::Result<
                        ::dynamo_model::__private::std::string::String,
                        ::dynamo_model::__private::ConversionError,
                    > {
                        ::dynamo_model::__private::core::result::Result::Ok({
                            let mut key = ::dynamo_model::__private::KeyText::new(
                                __INDEX_GSI1_SK,
                                "",
                                21usize,
                            );
                            key.literal("ORDER");
                            key.finish()
                        })
                    })(),
                );
            update
        }
    }
    #[automatically_derived]
    impl ::dynamo_model::__private::IndexByName<163118538361189913u64> for Order {
        type Handle = ::dynamo_model::__private::Index<
            Order,
            OrderGsi1Key,
            ::dynamo_model::__private::SortKeyText<OrderGsi1Key>,
            ::dynamo_model::__private::AllAttributes,
        >;
        fn index() -> Self::Handle {
            ::dynamo_model::__private::Index::new(
                    "gsi1",
                    __INDEX_GSI1.partition_key.name,
                    ::dynamo_model::__private::core::option::Option::Some(
                        __INDEX_GSI1_SK,
                    ),
                )
                .with_sort_prefix("ORDER")
        }
    }
    #[automatically_derived]
    impl ::dynamo_model::__private::Entity for Order {
        type Table = Shop;
        type SortKeyStart = OrderSortKey;
        const ENTITY: &'static str = "order";
        const PARTITION_SHAPE: &'static str = "CUSTOMER#{String}";
        fn sort_key() -> OrderSortKey {
            OrderSortKey(
                ::dynamo_model::__private::core::result::Result::Ok(
                    ::dynamo_model::__private::std::borrow::ToOwned::to_owned("ORDER#"),
                ),
            )
        }
    }
    #[automatically_derived]
    impl<'k> ::dynamo_model::__private::KeyArg<Order>
    for (&'k str, <u32 as ::dynamo_model::__private::KeyPart>::Arg<'k>, &'k str) {
        fn key_item(
            self,
        ) -> ::dynamo_model::__private::core::result::Result<
            ::dynamo_model::__private::Item,
            ::dynamo_model::__private::ConversionError,
        > {
            let (__part0, __part1, __part2) = self;
            <Order as ::dynamo_model::__private::Model>::key_item((
                __part0,
                __part1,
                __part2,
            ))
        }
    }
    #[automatically_derived]
    impl<'k> ::dynamo_model::__private::KeyArg<Order>
    for (
        &'k ::dynamo_model::__private::std::string::String,
        <u32 as ::dynamo_model::__private::KeyPart>::Arg<'k>,
        &'k str,
    ) {
        fn key_item(
            self,
        ) -> ::dynamo_model::__private::core::result::Result<
            ::dynamo_model::__private::Item,
            ::dynamo_model::__private::ConversionError,
        > {
            let (__part0, __part1, __part2) = self;
            <Order as ::dynamo_model::__private::Model>::key_item((
                __part0.as_str(),
                __part1,
                __part2,
            ))
        }
    }
    #[automatically_derived]
    impl<'k> ::dynamo_model::__private::KeyArg<Order>
    for (&'k &'k str, <u32 as ::dynamo_model::__private::KeyPart>::Arg<'k>, &'k str) {
        fn key_item(
            self,
        ) -> ::dynamo_model::__private::core::result::Result<
            ::dynamo_model::__private::Item,
            ::dynamo_model::__private::ConversionError,
        > {
            let (__part0, __part1, __part2) = self;
            <Order as ::dynamo_model::__private::Model>::key_item((
                *__part0,
                __part1,
                __part2,
            ))
        }
    }
    #[automatically_derived]
    impl<'k> ::dynamo_model::__private::KeyArg<Order>
    for (
        &'k str,
        <u32 as ::dynamo_model::__private::KeyPart>::Arg<'k>,
        &'k ::dynamo_model::__private::std::string::String,
    ) {
        fn key_item(
            self,
        ) -> ::dynamo_model::__private::core::result::Result<
            ::dynamo_model::__private::Item,
            ::dynamo_model::__private::ConversionError,
        > {
            let (__part0, __part1, __part2) = self;
            <Order as ::dynamo_model::__private::Model>::key_item((
                __part0,
                __part1,
                __part2.as_str(),
            ))
        }
    }
    #[automatically_derived]
    impl<'k> ::dynamo_model::__private::KeyArg<Order>
    for (
        &'k ::dynamo_model::__private::std::string::String,
        <u32 as ::dynamo_model::__private::KeyPart>::Arg<'k>,
        &'k ::dynamo_model::__private::std::string::String,
    ) {
        fn key_item(
            self,
        ) -> ::dynamo_model::__private::core::result::Result<
            ::dynamo_model::__private::Item,
            ::dynamo_model::__private::ConversionError,
        > {
            let (__part0, __part1, __part2) = self;
            <Order as ::dynamo_model::__private::Model>::key_item((
                __part0.as_str(),
                __part1,
                __part2.as_str(),
            ))
        }
    }
    #[automatically_derived]
    impl<'k> ::dynamo_model::__private::KeyArg<Order>
    for (
        &'k &'k str,
        <u32 as ::dynamo_model::__private::KeyPart>::Arg<'k>,
        &'k ::dynamo_model::__private::std::string::String,
    ) {
        fn key_item(
            self,
        ) -> ::dynamo_model::__private::core::result::Result<
            ::dynamo_model::__private::Item,
            ::dynamo_model::__private::ConversionError,
        > {
            let (__part0, __part1, __part2) = self;
            <Order as ::dynamo_model::__private::Model>::key_item((
                *__part0,
                __part1,
                __part2.as_str(),
            ))
        }
    }
    #[automatically_derived]
    impl<'k> ::dynamo_model::__private::KeyArg<Order>
    for (&'k str, <u32 as ::dynamo_model::__private::KeyPart>::Arg<'k>, &'k &'k str) {
        fn key_item(
            self,
        ) -> ::dynamo_model::__private::core::result::Result<
            ::dynamo_model::__private::Item,
            ::dynamo_model::__private::ConversionError,
        > {
            let (__part0, __part1, __part2) = self;
            <Order as ::dynamo_model::__private::Model>::key_item((
                __part0,
                __part1,
                *__part2,
            ))
        }
    }
    #[automatically_derived]
    impl<'k> ::dynamo_model::__private::KeyArg<Order>
    for (
        &'k ::dynamo_model::__private::std::string::String,
        <u32 as ::dynamo_model::__private::KeyPart>::Arg<'k>,
        &'k &'k str,
    ) {
        fn key_item(
            self,
        ) -> ::dynamo_model::__private::core::result::Result<
            ::dynamo_model::__private::Item,
            ::dynamo_model::__private::ConversionError,
        > {
            let (__part0, __part1, __part2) = self;
            <Order as ::dynamo_model::__private::Model>::key_item((
                __part0.as_str(),
                __part1,
                *__part2,
            ))
        }
    }
    #[automatically_derived]
    impl<'k> ::dynamo_model::__private::KeyArg<Order>
    for (
        &'k &'k str,
        <u32 as ::dynamo_model::__private::KeyPart>::Arg<'k>,
        &'k &'k str,
    ) {
        fn key_item(
            self,
        ) -> ::dynamo_model::__private::core::result::Result<
            ::dynamo_model::__private::Item,
            ::dynamo_model::__private::ConversionError,
        > {
            let (__part0, __part1, __part2) = self;
            <Order as ::dynamo_model::__private::Model>::key_item((
                *__part0,
                __part1,
                *__part2,
            ))
        }
    }
    /// The relations of `Order`, from `Order::relations()`.
    pub struct __DynamoRelations {
        /// The references of `Order::customer`.
        pub customer: ::dynamo_model::__private::RefField<Order, Ref<Customer>>,
    }
    #[automatically_derived]
    impl ::dynamo_model::__private::Related for Order {
        type Relations = __DynamoRelations;
        fn relations() -> __DynamoRelations {
            fn __get_customer(item: &Order) -> &Ref<Customer> {
                &item.customer
            }
            __DynamoRelations {
                customer: ::dynamo_model::__private::RefField::new(
                    "customer",
                    __get_customer,
                ),
            }
        }
    }
    #[automatically_derived]
    impl ::dynamo_model::__private::Model for Order {
        type Key<'k> = (
            <String as ::dynamo_model::__private::KeyPart>::Arg<'k>,
            <u32 as ::dynamo_model::__private::KeyPart>::Arg<'k>,
            <String as ::dynamo_model::__private::KeyPart>::Arg<'k>,
        );
        type PartitionKey = Self;
        type SortKey = ::dynamo_model::__private::SortKeyText<Self>;
        type Fields = __DynamoFields;
        fn fields() -> Self::Fields {
            __DynamoFields {
                username: ::dynamo_model::__private::expr::KeyPath::new(
                    ::dynamo_model::__private::expr::RawPath::from_static(
                        &[
                            ::dynamo_model::__private::expr::Segment::Name(
                                ::dynamo_model::__private::std::borrow::Cow::Borrowed(
                                    "username",
                                ),
                            ),
                        ],
                    ),
                ),
                customer: <Ref<
                    Customer,
                > as ::dynamo_model::__private::expr::Navigable>::handle::<
                    Ref<Customer>,
                >(
                    ::dynamo_model::__private::expr::Path::new(
                        ::dynamo_model::__private::expr::RawPath::from_static(
                            &[
                                ::dynamo_model::__private::expr::Segment::Name(
                                    ::dynamo_model::__private::std::borrow::Cow::Borrowed(
                                        "customer",
                                    ),
                                ),
                            ],
                        ),
                    ),
                ),
                order_id: ::dynamo_model::__private::expr::KeyPath::new(
                    ::dynamo_model::__private::expr::RawPath::from_static(
                        &[
                            ::dynamo_model::__private::expr::Segment::Name(
                                ::dynamo_model::__private::std::borrow::Cow::Borrowed(
                                    "order_id",
                                ),
                            ),
                        ],
                    ),
                ),
                placed: ::dynamo_model::__private::expr::KeyPath::new(
                    ::dynamo_model::__private::expr::RawPath::from_static(
                        &[
                            ::dynamo_model::__private::expr::Segment::Name(
                                ::dynamo_model::__private::std::borrow::Cow::Borrowed(
                                    "placed",
                                ),
                            ),
                        ],
                    ),
                ),
                total_cents: <u64 as ::dynamo_model::__private::expr::Navigable>::handle::<
                    u64,
                >(
                    ::dynamo_model::__private::expr::Path::new(
                        ::dynamo_model::__private::expr::RawPath::from_static(
                            &[
                                ::dynamo_model::__private::expr::Segment::Name(
                                    ::dynamo_model::__private::std::borrow::Cow::Borrowed(
                                        "total_cents",
                                    ),
                                ),
                            ],
                        ),
                    ),
                ),
                __model: ::dynamo_model::__private::core::marker::PhantomData,
            }
        }
        type Indexes = __DynamoIndexes;
        fn indexes() -> Self::Indexes {
            __DynamoIndexes {
                gsi1: ::dynamo_model::__private::Index::new(
                        "gsi1",
                        __INDEX_GSI1.partition_key.name,
                        ::dynamo_model::__private::core::option::Option::Some(
                            __INDEX_GSI1_SK,
                        ),
                    )
                    .with_sort_prefix("ORDER"),
                __model: ::dynamo_model::__private::core::marker::PhantomData,
            }
        }
        const SCHEMA: ::dynamo_model::__private::Schema = ::dynamo_model::__private::Schema {
            name: "Order",
            table: <Shop as ::dynamo_model::__private::SharedTable>::NAME,
            partition_key: ::dynamo_model::__private::KeyAttribute {
                name: <Shop as ::dynamo_model::__private::SharedTable>::PARTITION_KEY,
                scalar: ::dynamo_model::__private::KeyScalar::S,
            },
            sort_key: ::dynamo_model::__private::core::option::Option::Some(::dynamo_model::__private::KeyAttribute {
                name: __SORT_KEY,
                scalar: ::dynamo_model::__private::KeyScalar::S,
            }),
            indexes: <Shop as ::dynamo_model::__private::SharedTable>::INDEXES,
            entity: ::dynamo_model::__private::core::option::Option::Some(::dynamo_model::__private::EntitySchema {
                name: "order",
                attribute: <Shop as ::dynamo_model::__private::SharedTable>::ENTITY_ATTRIBUTE,
                partition_template: "CUSTOMER#{username}",
                sort_template: ::dynamo_model::__private::core::option::Option::Some(
                    "ORDER#{placed}#{order_id}",
                ),
                sort_prefix: "ORDER#",
            }),
            attributes: &["username", "customer", "order_id", "placed", "total_cents"],
            ttl: ::dynamo_model::__private::core::option::Option::None,
            version: ::dynamo_model::__private::core::option::Option::None,
            created_at: ::dynamo_model::__private::core::option::Option::None,
            updated_at: ::dynamo_model::__private::core::option::Option::None,
            counters: &[],
            uniques: &[],
            schema_version: ::dynamo_model::__private::core::option::Option::None,
            fields: &[
                ::dynamo_model::__private::FieldSchema {
                    name: "username",
                    rust_type: "String",
                    required: true,
                    aliases: &[],
                },
                ::dynamo_model::__private::FieldSchema {
                    name: "customer",
                    rust_type: "Ref<Customer>",
                    required: true,
                    aliases: &[],
                },
                ::dynamo_model::__private::FieldSchema {
                    name: "order_id",
                    rust_type: "String",
                    required: true,
                    aliases: &[],
                },
                ::dynamo_model::__private::FieldSchema {
                    name: "placed",
                    rust_type: "u32",
                    required: true,
                    aliases: &[],
                },
                ::dynamo_model::__private::FieldSchema {
                    name: "total_cents",
                    rust_type: "u64",
                    required: true,
                    aliases: &[],
                },
            ],
        };
        fn to_item(
            &self,
        ) -> ::dynamo_model::__private::core::result::Result<
            ::dynamo_model::__private::Item,
            ::dynamo_model::__private::ConversionError,
        > {
            let mut item = ::dynamo_model::__private::Item::with_capacity(10usize);
            ::dynamo_model::__private::write_field::<
                String,
            >(&mut item, "username", &self.username)?;
            ::dynamo_model::__private::write_field::<
                Ref<Customer>,
            >(&mut item, "customer", &self.customer)?;
            ::dynamo_model::__private::write_field::<
                String,
            >(&mut item, "order_id", &self.order_id)?;
            ::dynamo_model::__private::write_field::<
                u32,
            >(&mut item, "placed", &self.placed)?;
            ::dynamo_model::__private::write_field::<
                u64,
            >(&mut item, "total_cents", &self.total_cents)?;
            item.insert(
                ::dynamo_model::__private::std::borrow::ToOwned::to_owned(
                    <Shop as ::dynamo_model::__private::SharedTable>::PARTITION_KEY,
                ),
                ::dynamo_model::__private::AttributeValue::S({
                    let mut key = ::dynamo_model::__private::KeyText::new(
                        <Shop as ::dynamo_model::__private::SharedTable>::PARTITION_KEY,
                        "#",
                        35usize,
                    );
                    key.literal("CUSTOMER#");
                    key.part("username", &self.username)?;
                    key.finish()
                }),
            );
            item.insert(
                ::dynamo_model::__private::std::borrow::ToOwned::to_owned(__SORT_KEY),
                ::dynamo_model::__private::AttributeValue::S({
                    let mut key = ::dynamo_model::__private::KeyText::new(
                        __SORT_KEY,
                        "#",
                        41usize,
                    );
                    key.literal("ORDER#");
                    key.part("placed", &self.placed)?;
                    key.literal("#");
                    key.part("order_id", &self.order_id)?;
                    key.finish()
                }),
            );
            item.insert(
                ::dynamo_model::__private::std::borrow::ToOwned::to_owned(
                    <Shop as ::dynamo_model::__private::SharedTable>::ENTITY_ATTRIBUTE,
                ),
                ::dynamo_model::__private::AttributeValue::S(
                    ::dynamo_model::__private::std::borrow::ToOwned::to_owned("order"),
                ),
            );
            item.insert(
                ::dynamo_model::__private::std::borrow::ToOwned::to_owned(
                    __INDEX_GSI1.partition_key.name,
                ),
                ::dynamo_model::__private::AttributeValue::S({
                    let mut key = ::dynamo_model::__private::KeyText::new(
                        __INDEX_GSI1.partition_key.name,
                        "#",
                        32usize,
                    );
                    key.literal("ORDER#");
                    key.part("order_id", &self.order_id)?;
                    key.finish()
                }),
            );
            item.insert(
                ::dynamo_model::__private::std::borrow::ToOwned::to_owned(
                    __INDEX_GSI1_SK,
                ),
                ::dynamo_model::__private::AttributeValue::S({
                    let mut key = ::dynamo_model::__private::KeyText::new(
                        __INDEX_GSI1_SK,
                        "",
                        21usize,
                    );
                    key.literal("ORDER");
                    key.finish()
                }),
            );
            ::dynamo_model::__private::core::result::Result::Ok(item)
        }
        fn from_item(
            mut item: ::dynamo_model::__private::Item,
        ) -> ::dynamo_model::__private::core::result::Result<
            Self,
            ::dynamo_model::__private::ConversionError,
        > {
            ::dynamo_model::__private::check_entity(
                &item,
                <Shop as ::dynamo_model::__private::SharedTable>::ENTITY_ATTRIBUTE,
                "order",
            )?;
            let value = {
                let __field0: String = ::dynamo_model::__private::read_field::<
                    String,
                >(item.remove("username"), "username")?;
                let __field1: Ref<Customer> = ::dynamo_model::__private::read_field::<
                    Ref<Customer>,
                >(item.remove("customer"), "customer")?;
                let __field2: String = ::dynamo_model::__private::read_field::<
                    String,
                >(item.remove("order_id"), "order_id")?;
                let __field3: u32 = ::dynamo_model::__private::read_field::<
                    u32,
                >(item.remove("placed"), "placed")?;
                let __field4: u64 = ::dynamo_model::__private::read_field::<
                    u64,
                >(item.remove("total_cents"), "total_cents")?;
                Self {
                    username: __field0,
                    customer: __field1,
                    order_id: __field2,
                    placed: __field3,
                    total_cents: __field4,
                }
            };
            for (name, stored) in &item {
                let name = name.as_str();
                if name
                    == <Shop as ::dynamo_model::__private::SharedTable>::PARTITION_KEY
                {
                    let matches = match stored {
                        ::dynamo_model::__private::AttributeValue::S(stored) => {
                            let mut key = ::dynamo_model::__private::StoredKey::new(
                                stored,
                            );
                            key.literal("CUSTOMER#");
                            key.part(&value.username);
                            key.matches()
                        }
                        _ => false,
                    };
                    if !matches {
                        let expected: ::dynamo_model::__private::std::string::String = {
                            let mut key = ::dynamo_model::__private::KeyText::new(
                                <Shop as ::dynamo_model::__private::SharedTable>::PARTITION_KEY,
                                "#",
                                35usize,
                            );
                            key.literal("CUSTOMER#");
                            key.part("username", &value.username)?;
                            key.finish()
                        };
                        ::dynamo_model::__private::check_stored_key(
                            <Shop as ::dynamo_model::__private::SharedTable>::PARTITION_KEY,
                            stored,
                            &expected,
                        )?;
                    }
                    continue;
                }
                if name == __SORT_KEY {
                    let matches = match stored {
                        ::dynamo_model::__private::AttributeValue::S(stored) => {
                            let mut key = ::dynamo_model::__private::StoredKey::new(
                                stored,
                            );
                            key.literal("ORDER#");
                            key.part(&value.placed);
                            key.literal("#");
                            key.part(&value.order_id);
                            key.matches()
                        }
                        _ => false,
                    };
                    if !matches {
                        let expected: ::dynamo_model::__private::std::string::String = {
                            let mut key = ::dynamo_model::__private::KeyText::new(
                                __SORT_KEY,
                                "#",
                                41usize,
                            );
                            key.literal("ORDER#");
                            key.part("placed", &value.placed)?;
                            key.literal("#");
                            key.part("order_id", &value.order_id)?;
                            key.finish()
                        };
                        ::dynamo_model::__private::check_stored_key(
                            __SORT_KEY,
                            stored,
                            &expected,
                        )?;
                    }
                    continue;
                }
            }
            ::dynamo_model::__private::core::result::Result::Ok(value)
        }
        fn key_item(
            key: (
                <String as ::dynamo_model::__private::KeyPart>::Arg<'_>,
                <u32 as ::dynamo_model::__private::KeyPart>::Arg<'_>,
                <String as ::dynamo_model::__private::KeyPart>::Arg<'_>,
            ),
        ) -> ::dynamo_model::__private::core::result::Result<
            ::dynamo_model::__private::Item,
            ::dynamo_model::__private::ConversionError,
        > {
            let (__key_username, __key_placed, __key_order_id) = key;
            ::dynamo_model::__private::key_item_of(
                (
                    <Shop as ::dynamo_model::__private::SharedTable>::PARTITION_KEY,
                    ::dynamo_model::__private::AttributeValue::S({
                        let mut key = ::dynamo_model::__private::KeyText::new(
                            <Shop as ::dynamo_model::__private::SharedTable>::PARTITION_KEY,
                            "#",
                            35usize,
                        );
                        key.literal("CUSTOMER#");
                        key.part("username", &__key_username)?;
                        key.finish()
                    }),
                ),
                ::dynamo_model::__private::core::option::Option::Some((
                    __SORT_KEY,
                    ::dynamo_model::__private::AttributeValue::S({
                        let mut key = ::dynamo_model::__private::KeyText::new(
                            __SORT_KEY,
                            "#",
                            41usize,
                        );
                        key.literal("ORDER#");
                        key.part("placed", &__key_placed)?;
                        key.literal("#");
                        key.part("order_id", &__key_order_id)?;
                        key.finish()
                    }),
                )),
            )
        }
        fn item_key(
            &self,
        ) -> ::dynamo_model::__private::core::result::Result<
            ::dynamo_model::__private::Item,
            ::dynamo_model::__private::ConversionError,
        > {
            ::dynamo_model::__private::key_item_of(
                (
                    <Shop as ::dynamo_model::__private::SharedTable>::PARTITION_KEY,
                    ::dynamo_model::__private::AttributeValue::S({
                        let mut key = ::dynamo_model::__private::KeyText::new(
                            <Shop as ::dynamo_model::__private::SharedTable>::PARTITION_KEY,
                            "#",
                            35usize,
                        );
                        key.literal("CUSTOMER#");
                        key.part("username", &self.username)?;
                        key.finish()
                    }),
                ),
                ::dynamo_model::__private::core::option::Option::Some((
                    __SORT_KEY,
                    ::dynamo_model::__private::AttributeValue::S({
                        let mut key = ::dynamo_model::__private::KeyText::new(
                            __SORT_KEY,
                            "#",
                            41usize,
                        );
                        key.literal("ORDER#");
                        key.part("placed", &self.placed)?;
                        key.literal("#");
                        key.part("order_id", &self.order_id)?;
                        key.finish()
                    }),
                )),
            )
        }
        fn validate(
            &self,
        ) -> ::dynamo_model::__private::core::result::Result<
            (),
            ::dynamo_model::__private::ValidationErrors,
        > {
            let mut all = ::dynamo_model::__private::Failures::new();
            let failures = &mut all;
            let path = "";
            {
                let value: &Ref<Customer> = &self.customer;
                {
                    use ::dynamo_model::__private::probe::{
                        Nested as _, NotStorable as _,
                    };
                    (&&::dynamo_model::__private::probe::Probe(value))
                        .check_nested(path, "customer", failures);
                }
            }
            ::dynamo_model::__private::Hooks::validate_model(self, failures);
            all.into_result(<Self as ::dynamo_model::__private::Model>::SCHEMA.table)
        }
    }
    #[automatically_derived]
    impl ::dynamo_model::__private::WriteBehaviours for Order {
        fn validate_value(
            name: &str,
            value: &::dynamo_model::__private::AttributeValue,
            failures: &mut ::dynamo_model::__private::Failures,
        ) {
            let path = "";
            match name {
                "customer" => {
                    use ::dynamo_model::__private::probe::{
                        Decodes as _, NotDecodable as _,
                    };
                    (&&::dynamo_model::__private::probe::Decode::<Ref<Customer>>::new())
                        .check_value(value, path, "customer", failures);
                }
                _ => {}
            }
        }
    }
};
#[doc(hidden)]
#[allow(
    non_upper_case_globals,
    non_camel_case_types,
    unused_attributes,
    unused_qualifications,
    unused_mut,
    unused_variables,
    clippy::all
)]
const _: () = {
    const _: () = ::dynamo_model::__private::check_collection_pair(
        (
            <Customer as ::dynamo_model::__private::Entity>::ENTITY,
            <Customer as ::dynamo_model::__private::Entity>::PARTITION_SHAPE,
            match <Customer as ::dynamo_model::__private::Model>::SCHEMA.entity {
                ::dynamo_model::__private::core::option::Option::Some(entity) => {
                    entity.sort_prefix
                }
                ::dynamo_model::__private::core::option::Option::None => "",
            },
        ),
        (
            <Order as ::dynamo_model::__private::Entity>::ENTITY,
            <Order as ::dynamo_model::__private::Entity>::PARTITION_SHAPE,
            match <Order as ::dynamo_model::__private::Model>::SCHEMA.entity {
                ::dynamo_model::__private::core::option::Option::Some(entity) => {
                    entity.sort_prefix
                }
                ::dynamo_model::__private::core::option::Option::None => "",
            },
        ),
    );
    const _: fn() = || {
        fn same_table<T>(
            _: ::dynamo_model::__private::core::marker::PhantomData<T>,
            _: ::dynamo_model::__private::core::marker::PhantomData<T>,
        ) {}
        same_table(
            ::dynamo_model::__private::core::marker::PhantomData::<
                <Customer as ::dynamo_model::__private::Entity>::Table,
            >,
            ::dynamo_model::__private::core::marker::PhantomData::<
                <Order as ::dynamo_model::__private::Entity>::Table,
            >,
        );
    };
    #[automatically_derived]
    impl ::dynamo_model::__private::Projection<Customer> for CustomerView {
        fn projection_paths() -> ::dynamo_model::__private::core::option::Option<
            ::dynamo_model::__private::expr::ProjectionExpression,
        > {
            ::dynamo_model::__private::core::option::Option::None
        }
        fn from_projection(
            item: ::dynamo_model::__private::Item,
        ) -> ::dynamo_model::__private::core::result::Result<
            Self,
            ::dynamo_model::__private::ConversionError,
        > {
            match ::dynamo_model::__private::entity_of(
                &item,
                <<Customer as ::dynamo_model::__private::Entity>::Table as ::dynamo_model::__private::SharedTable>::ENTITY_ATTRIBUTE,
            ) {
                ::dynamo_model::__private::core::option::Option::Some(
                    name,
                ) if name == <Customer as ::dynamo_model::__private::Entity>::ENTITY => {
                    ::dynamo_model::__private::core::result::Result::Ok(
                        Self::Customer(
                            <Customer as ::dynamo_model::__private::Model>::from_item(
                                item,
                            )?,
                        ),
                    )
                }
                ::dynamo_model::__private::core::option::Option::Some(
                    name,
                ) if name == <Order as ::dynamo_model::__private::Entity>::ENTITY => {
                    ::dynamo_model::__private::core::result::Result::Ok(
                        Self::Order(
                            <Order as ::dynamo_model::__private::Model>::from_item(item)?,
                        ),
                    )
                }
                _ => {
                    ::dynamo_model::__private::core::result::Result::Ok(
                        Self::Other(item),
                    )
                }
            }
        }
        fn after_load(
            &mut self,
        ) -> ::dynamo_model::__private::core::result::Result<
            (),
            ::dynamo_model::__private::HookError,
        > {
            match self {
                Self::Customer(value) => {
                    <Customer as ::dynamo_model::__private::Projection<
                        Customer,
                    >>::after_load(value)
                }
                Self::Order(value) => {
                    <Order as ::dynamo_model::__private::Projection<
                        Order,
                    >>::after_load(value)
                }
                Self::Other(_) => ::dynamo_model::__private::core::result::Result::Ok(()),
            }
        }
    }
    #[automatically_derived]
    impl ::dynamo_model::__private::StreamImage for CustomerView {
        fn from_image(
            image: ::dynamo_model::__private::Item,
        ) -> ::dynamo_model::__private::core::result::Result<
            Self,
            ::dynamo_model::__private::ConversionError,
        > {
            <Self as ::dynamo_model::__private::Projection<
                Customer,
            >>::from_projection(image)
        }
    }
    #[automatically_derived]
    impl CustomerView {
        /// Reads the whole partition in one query (paginated as any query), each item as the `CustomerView` variant of its entity.
        pub fn query<'a>(
            db: &'a ::dynamo_model::__private::Db,
            partition: impl ::dynamo_model::__private::PartitionValue<
                <Customer as ::dynamo_model::__private::Model>::PartitionKey,
            >,
        ) -> ::dynamo_model::__private::Query<
            'a,
            Customer,
            ::dynamo_model::__private::NoSortKey,
            Self,
        > {
            ::dynamo_model::__private::collection_query::<
                Customer,
                Self,
            >(db, "CustomerView", partition)
        }
    }
    #[automatically_derived]
    impl ::dynamo_model::__private::PartitionCollection for CustomerView {
        type Member = Customer;
        fn query_partition<'a>(
            db: &'a ::dynamo_model::__private::Db,
            partition: impl ::dynamo_model::__private::PartitionValue<
                <Customer as ::dynamo_model::__private::Model>::PartitionKey,
            >,
        ) -> ::dynamo_model::__private::Query<
            'a,
            Customer,
            ::dynamo_model::__private::NoSortKey,
            Self,
        > {
            Self::query(db, partition)
        }
    }
};
