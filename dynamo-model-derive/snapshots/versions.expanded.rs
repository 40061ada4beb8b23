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
    /// The typed attribute paths inside a `ParcelV1` document.
    pub struct __DynamoHandle<__W> {
        /// The path of attribute `id` inside this document.
        pub id: <u32 as ::dynamo_model::__private::expr::Navigable>::Handle<u32>,
        /// The path of attribute `weight` inside this document.
        pub weight: <String as ::dynamo_model::__private::expr::Navigable>::Handle<
            String,
        >,
        #[doc(hidden)]
        __path: ::dynamo_model::__private::expr::Path<__W>,
        #[doc(hidden)]
        __document: ::dynamo_model::__private::core::marker::PhantomData<
            fn() -> ParcelV1,
        >,
    }
    #[automatically_derived]
    impl ::dynamo_model::__private::expr::Navigable for ParcelV1 {
        type Handle<__W> = __DynamoHandle<__W>;
        fn handle<__W>(
            __path: ::dynamo_model::__private::expr::Path<__W>,
        ) -> Self::Handle<__W> {
            __DynamoHandle {
                id: <u32 as ::dynamo_model::__private::expr::Navigable>::handle::<
                    u32,
                >(__path.field("id")),
                weight: <String as ::dynamo_model::__private::expr::Navigable>::handle::<
                    String,
                >(__path.field("weight")),
                __path: __path,
                __document: ::dynamo_model::__private::core::marker::PhantomData,
            }
        }
    }
    #[automatically_derived]
    impl<__W> ::dynamo_model::__private::expr::AttributePath for __DynamoHandle<__W> {
        type Value = __W;
        fn path(&self) -> &::dynamo_model::__private::expr::Path<__W> {
            &self.__path
        }
    }
    #[automatically_derived]
    impl<__W> ::dynamo_model::__private::expr::UpdatePath for __DynamoHandle<__W> {}
    #[automatically_derived]
    impl ::dynamo_model::__private::expr::HasSize for ParcelV1 {}
    #[automatically_derived]
    impl ::dynamo_model::__private::ToAttribute for ParcelV1 {
        fn to_attribute(
            &self,
        ) -> ::dynamo_model::__private::core::result::Result<
            ::dynamo_model::__private::core::option::Option<
                ::dynamo_model::__private::AttributeValue,
            >,
            ::dynamo_model::__private::ConversionError,
        > {
            let mut item = ::dynamo_model::__private::Item::with_capacity(2usize);
            ::dynamo_model::__private::write_field::<u32>(&mut item, "id", &self.id)?;
            ::dynamo_model::__private::write_field::<
                String,
            >(&mut item, "weight", &self.weight)?;
            ::dynamo_model::__private::core::result::Result::Ok(
                ::dynamo_model::__private::core::option::Option::Some(
                    ::dynamo_model::__private::AttributeValue::M(item),
                ),
            )
        }
    }
    #[automatically_derived]
    impl ::dynamo_model::__private::ValidateNested for ParcelV1 {
        const VALIDATES: bool = false;
        fn validate_nested(
            &self,
            path: &str,
            failures: &mut ::dynamo_model::__private::Failures,
        ) {}
    }
    #[automatically_derived]
    impl ::dynamo_model::__private::FromAttribute for ParcelV1 {
        const EXPECTED: &'static str = "M";
        fn from_attribute(
            value: ::dynamo_model::__private::AttributeValue,
        ) -> ::dynamo_model::__private::core::result::Result<
            Self,
            ::dynamo_model::__private::ConversionError,
        > {
            match value {
                ::dynamo_model::__private::AttributeValue::M(mut item) => {
                    ::dynamo_model::__private::core::result::Result::Ok({
                        let __field0: u32 = ::dynamo_model::__private::read_field::<
                            u32,
                        >(item.remove("id"), "id")?;
                        let __field1: String = ::dynamo_model::__private::read_field::<
                            String,
                        >(item.remove("weight"), "weight")?;
                        Self {
                            id: __field0,
                            weight: __field1,
                        }
                    })
                }
                other => {
                    ::dynamo_model::__private::core::result::Result::Err(
                        ::dynamo_model::__private::ConversionError::wrong_type(
                            Self::EXPECTED,
                            &other,
                        ),
                    )
                }
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
    /// The typed attribute paths of `Parcel`, from `Parcel::fields()`.
    #[allow(non_camel_case_types)]
    pub struct __DynamoFields {
        /// The path of attribute `id`.
        pub id: ::dynamo_model::__private::expr::KeyPath<u32>,
        /// The path of attribute `grams`.
        pub grams: <u64 as ::dynamo_model::__private::expr::Navigable>::Handle<u64>,
        /// The path of attribute `note`.
        pub note: <Option<
            String,
        > as ::dynamo_model::__private::expr::Navigable>::Handle<Option<String>>,
        #[doc(hidden)]
        __model: ::dynamo_model::__private::core::marker::PhantomData<fn() -> Parcel>,
    }
    /// The secondary indexes of `Parcel`, from `Parcel::indexes()`.
    pub struct __DynamoIndexes {
        __model: ::dynamo_model::__private::core::marker::PhantomData<fn() -> Parcel>,
    }
    #[automatically_derived]
    impl ::dynamo_model::__private::Hooks for Parcel {}
    #[automatically_derived]
    impl ::dynamo_model::__private::AsyncHooks for Parcel {}
    /// The relations of `Parcel`, from `Parcel::relations()`.
    pub struct __DynamoRelations {}
    #[automatically_derived]
    impl ::dynamo_model::__private::Related for Parcel {
        type Relations = __DynamoRelations;
        fn relations() -> __DynamoRelations {
            __DynamoRelations {}
        }
    }
    #[automatically_derived]
    impl ::dynamo_model::__private::PartitionKeyOnly for Parcel {}
    #[automatically_derived]
    impl<'k> ::dynamo_model::__private::KeyArg<Parcel>
    for <u32 as ::dynamo_model::__private::KeyType>::Arg<'k> {
        fn key_item(
            self,
        ) -> ::dynamo_model::__private::core::result::Result<
            ::dynamo_model::__private::Item,
            ::dynamo_model::__private::ConversionError,
        > {
            let __part0 = self;
            <Parcel as ::dynamo_model::__private::Model>::key_item(__part0)
        }
    }
    #[automatically_derived]
    impl ::dynamo_model::__private::Model for Parcel {
        type Key<'k> = <u32 as ::dynamo_model::__private::KeyType>::Arg<'k>;
        type PartitionKey = u32;
        type SortKey = ::dynamo_model::__private::NoSortKey;
        type Fields = __DynamoFields;
        fn fields() -> Self::Fields {
            __DynamoFields {
                id: ::dynamo_model::__private::expr::KeyPath::new(
                    ::dynamo_model::__private::expr::RawPath::from_static(
                        &[
                            ::dynamo_model::__private::expr::Segment::Name(
                                ::dynamo_model::__private::std::borrow::Cow::Borrowed("id"),
                            ),
                        ],
                    ),
                ),
                grams: <u64 as ::dynamo_model::__private::expr::Navigable>::handle::<
                    u64,
                >(
                    ::dynamo_model::__private::expr::Path::new(
                        ::dynamo_model::__private::expr::RawPath::from_static(
                            &[
                                ::dynamo_model::__private::expr::Segment::Name(
                                    ::dynamo_model::__private::std::borrow::Cow::Borrowed(
                                        "grams",
                                    ),
                                ),
                            ],
                        ),
                    ),
                ),
                note: <Option<
                    String,
                > as ::dynamo_model::__private::expr::Navigable>::handle::<
                    Option<String>,
                >(
                    ::dynamo_model::__private::expr::Path::new(
                        ::dynamo_model::__private::expr::RawPath::from_static(
                            &[
                                ::dynamo_model::__private::expr::Segment::Name(
                                    ::dynamo_model::__private::std::borrow::Cow::Borrowed(
                                        "note",
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
                __model: ::dynamo_model::__private::core::marker::PhantomData,
            }
        }
        const SCHEMA: ::dynamo_model::__private::Schema = ::dynamo_model::__private::Schema {
            name: "Parcel",
            table: "parcels",
            partition_key: ::dynamo_model::__private::KeyAttribute {
                name: "id",
                scalar: <u32 as ::dynamo_model::__private::KeyType>::SCALAR,
            },
            sort_key: ::dynamo_model::__private::core::option::Option::None,
            entity: ::dynamo_model::__private::core::option::Option::None,
            attributes: &["id", "grams", "note"],
            indexes: &[],
            ttl: ::dynamo_model::__private::core::option::Option::None,
            version: ::dynamo_model::__private::core::option::Option::None,
            created_at: ::dynamo_model::__private::core::option::Option::None,
            updated_at: ::dynamo_model::__private::core::option::Option::None,
            counters: &[],
            uniques: &[],
            schema_version: ::dynamo_model::__private::core::option::Option::Some(::dynamo_model::__private::SchemaVersion {
                current: 2u32,
                attribute: "_sv",
            }),
            fields: &[
                ::dynamo_model::__private::FieldSchema {
                    name: "id",
                    rust_type: "u32",
                    required: true,
                    aliases: &[],
                },
                ::dynamo_model::__private::FieldSchema {
                    name: "grams",
                    rust_type: "u64",
                    required: true,
                    aliases: &[],
                },
                ::dynamo_model::__private::FieldSchema {
                    name: "note",
                    rust_type: "Option<String>",
                    required: false,
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
            let mut item = ::dynamo_model::__private::Item::with_capacity(4usize);
            ::dynamo_model::__private::write_field::<u32>(&mut item, "id", &self.id)?;
            ::dynamo_model::__private::write_field::<
                u64,
            >(&mut item, "grams", &self.grams)?;
            ::dynamo_model::__private::write_field::<
                Option<String>,
            >(&mut item, "note", &self.note)?;
            item.insert(
                ::dynamo_model::__private::std::borrow::ToOwned::to_owned("_sv"),
                ::dynamo_model::__private::SchemaVersion::stamp(2u32),
            );
            ::dynamo_model::__private::core::result::Result::Ok(item)
        }
        fn from_item(
            mut item: ::dynamo_model::__private::Item,
        ) -> ::dynamo_model::__private::core::result::Result<
            Self,
            ::dynamo_model::__private::ConversionError,
        > {
            let stored_version = ::dynamo_model::__private::stored_version(
                &item,
                "_sv",
            )?;
            if stored_version != 2u32 {
                return match stored_version {
                    1u32 => {
                        let shape = ::dynamo_model::__private::read_shape::<
                            ParcelV1,
                        >(item, "Parcel", 1u32)?;
                        let shape = ::dynamo_model::__private::upgrade_step::<
                            ParcelV1,
                            Self,
                        >(shape);
                        ::dynamo_model::__private::core::result::Result::Ok(shape)
                    }
                    other => {
                        ::dynamo_model::__private::core::result::Result::Err(
                            ::dynamo_model::__private::unknown_version(
                                "Parcel",
                                other,
                                2u32,
                            ),
                        )
                    }
                };
            }
            item.remove("_sv");
            ::dynamo_model::__private::core::result::Result::Ok({
                let __field0: u32 = ::dynamo_model::__private::read_field::<
                    u32,
                >(item.remove("id"), "id")?;
                let __field1: u64 = ::dynamo_model::__private::read_field::<
                    u64,
                >(item.remove("grams"), "grams")?;
                let __field2: Option<String> = ::dynamo_model::__private::read_field::<
                    Option<String>,
                >(item.remove("note"), "note")?;
                Self {
                    id: __field0,
                    grams: __field1,
                    note: __field2,
                }
            })
        }
        fn key_item(
            key: <u32 as ::dynamo_model::__private::KeyType>::Arg<'_>,
        ) -> ::dynamo_model::__private::core::result::Result<
            ::dynamo_model::__private::Item,
            ::dynamo_model::__private::ConversionError,
        > {
            let hash = key;
            ::dynamo_model::__private::key_item_of(
                ("id", ::dynamo_model::__private::key_attribute("id", &hash)?),
                ::dynamo_model::__private::core::option::Option::None,
            )
        }
        fn item_key(
            &self,
        ) -> ::dynamo_model::__private::core::result::Result<
            ::dynamo_model::__private::Item,
            ::dynamo_model::__private::ConversionError,
        > {
            ::dynamo_model::__private::key_item_of(
                ("id", ::dynamo_model::__private::key_attribute("id", &self.id)?),
                ::dynamo_model::__private::core::option::Option::None,
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
    impl ::dynamo_model::__private::WriteBehaviours for Parcel {}
};
