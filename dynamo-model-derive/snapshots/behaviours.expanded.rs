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
    #[doc(hidden)]
    pub struct __DynamoCodec_updated;
    impl ::dynamo_model::__private::expr::Codec<std::time::SystemTime>
    for __DynamoCodec_updated {
        fn encode(
            value: &std::time::SystemTime,
        ) -> ::dynamo_model::__private::core::result::Result<
            ::dynamo_model::__private::core::option::Option<
                ::dynamo_model::__private::AttributeValue,
            >,
            ::dynamo_model::__private::ConversionError,
        > {
            dynamo_model::with::epoch_millis::to_attribute(value)
        }
    }
    #[doc(hidden)]
    pub struct __DynamoCodec_expires;
    impl ::dynamo_model::__private::expr::Codec<std::time::SystemTime>
    for __DynamoCodec_expires {
        fn encode(
            value: &std::time::SystemTime,
        ) -> ::dynamo_model::__private::core::result::Result<
            ::dynamo_model::__private::core::option::Option<
                ::dynamo_model::__private::AttributeValue,
            >,
            ::dynamo_model::__private::ConversionError,
        > {
            dynamo_model::with::epoch_seconds::to_attribute(value)
        }
    }
    /// The typed attribute paths of `Booking`, from `Booking::fields()`.
    #[allow(non_camel_case_types)]
    pub struct __DynamoFields {
        /// The path of attribute `hotel`.
        pub hotel: ::dynamo_model::__private::expr::KeyPath<String>,
        /// The path of attribute `id`.
        pub id: ::dynamo_model::__private::expr::KeyPath<u64>,
        /// The path of attribute `guest`.
        pub guest: <String as ::dynamo_model::__private::expr::Navigable>::Handle<
            String,
        >,
        /// The path of attribute `reference`.
        pub reference: <String as ::dynamo_model::__private::expr::Navigable>::Handle<
            String,
        >,
        /// The path of attribute `fromDay`.
        pub from_day: <u32 as ::dynamo_model::__private::expr::Navigable>::Handle<u32>,
        /// The path of attribute `nights`.
        pub nights: <u8 as ::dynamo_model::__private::expr::Navigable>::Handle<u8>,
        /// The path of attribute `room`.
        pub room: <Option<
            String,
        > as ::dynamo_model::__private::expr::Navigable>::Handle<Option<String>>,
        /// The path of attribute `rate`.
        pub rate: <String as ::dynamo_model::__private::expr::Navigable>::Handle<String>,
        /// The path of attribute `changes`.
        pub changes: <u64 as ::dynamo_model::__private::expr::Navigable>::Handle<u64>,
        /// The path of attribute `version`.
        pub version: <u64 as ::dynamo_model::__private::expr::Navigable>::Handle<u64>,
        /// The path of attribute `created`.
        pub created: <u64 as ::dynamo_model::__private::expr::Navigable>::Handle<u64>,
        /// The path of attribute `updated`.
        pub updated: ::dynamo_model::__private::expr::Path<
            ::dynamo_model::__private::expr::Custom<
                std::time::SystemTime,
                __DynamoCodec_updated,
            >,
        >,
        /// The path of attribute `expires`.
        pub expires: ::dynamo_model::__private::expr::Path<
            ::dynamo_model::__private::expr::Custom<
                std::time::SystemTime,
                __DynamoCodec_expires,
            >,
        >,
        #[doc(hidden)]
        __model: ::dynamo_model::__private::core::marker::PhantomData<fn() -> Booking>,
    }
    /// The secondary indexes of `Booking`, from `Booking::indexes()`.
    pub struct __DynamoIndexes {
        /// The index `by_guest`.
        pub by_guest: ::dynamo_model::__private::Index<
            Booking,
            String,
            u32,
            ::dynamo_model::__private::AllAttributes,
        >,
        /// The index `by_room`.
        pub by_room: ::dynamo_model::__private::Index<
            Booking,
            String,
            String,
            ::dynamo_model::__private::AllAttributes,
        >,
        __model: ::dynamo_model::__private::core::marker::PhantomData<fn() -> Booking>,
    }
    #[automatically_derived]
    impl ::dynamo_model::__private::IndexByName<17921003194041056471u64> for Booking {
        type Handle = ::dynamo_model::__private::Index<
            Booking,
            String,
            u32,
            ::dynamo_model::__private::AllAttributes,
        >;
        fn index() -> Self::Handle {
            ::dynamo_model::__private::Index::new(
                "by_guest",
                "guest",
                ::dynamo_model::__private::core::option::Option::Some("fromDay"),
            )
        }
    }
    #[automatically_derived]
    impl ::dynamo_model::__private::IndexByName<9447653564144409646u64> for Booking {
        type Handle = ::dynamo_model::__private::Index<
            Booking,
            String,
            String,
            ::dynamo_model::__private::AllAttributes,
        >;
        fn index() -> Self::Handle {
            ::dynamo_model::__private::Index::new(
                "by_room",
                "hotel",
                ::dynamo_model::__private::core::option::Option::Some("room"),
            )
        }
    }
    #[automatically_derived]
    impl ::dynamo_model::__private::AsyncHooks for Booking {}
    #[automatically_derived]
    impl Booking {
        /// The `Booking` whose `reference` is `value`, if any: a consistent read of the value's marker item, then of the item it names.
        pub fn get_by_reference<'a>(
            db: &'a ::dynamo_model::__private::Db,
            value: impl ::dynamo_model::__private::expr::ValueOf<String>,
        ) -> ::dynamo_model::__private::OpFuture<
            'a,
            ::dynamo_model::__private::core::option::Option<Self>,
        >
        where
            Self: ::dynamo_model::__private::core::marker::Send + 'a,
        {
            ::dynamo_model::__private::get_by_unique::<
                Self,
            >(
                db,
                "reference",
                ::dynamo_model::__private::expr::ValueOf::to_stored(&value),
            )
        }
    }
    /// The relations of `Booking`, from `Booking::relations()`.
    pub struct __DynamoRelations {}
    #[automatically_derived]
    impl ::dynamo_model::__private::Related for Booking {
        type Relations = __DynamoRelations;
        fn relations() -> __DynamoRelations {
            __DynamoRelations {}
        }
    }
    #[automatically_derived]
    impl<'k> ::dynamo_model::__private::KeyArg<Booking>
    for (&'k str, <u64 as ::dynamo_model::__private::KeyType>::Arg<'k>) {
        fn key_item(
            self,
        ) -> ::dynamo_model::__private::core::result::Result<
            ::dynamo_model::__private::Item,
            ::dynamo_model::__private::ConversionError,
        > {
            let (__part0, __part1) = self;
            <Booking as ::dynamo_model::__private::Model>::key_item((__part0, __part1))
        }
    }
    #[automatically_derived]
    impl<'k> ::dynamo_model::__private::KeyArg<Booking>
    for (
        &'k ::dynamo_model::__private::std::string::String,
        <u64 as ::dynamo_model::__private::KeyType>::Arg<'k>,
    ) {
        fn key_item(
            self,
        ) -> ::dynamo_model::__private::core::result::Result<
            ::dynamo_model::__private::Item,
            ::dynamo_model::__private::ConversionError,
        > {
            let (__part0, __part1) = self;
            <Booking as ::dynamo_model::__private::Model>::key_item((
                __part0.as_str(),
                __part1,
            ))
        }
    }
    #[automatically_derived]
    impl<'k> ::dynamo_model::__private::KeyArg<Booking>
    for (&'k &'k str, <u64 as ::dynamo_model::__private::KeyType>::Arg<'k>) {
        fn key_item(
            self,
        ) -> ::dynamo_model::__private::core::result::Result<
            ::dynamo_model::__private::Item,
            ::dynamo_model::__private::ConversionError,
        > {
            let (__part0, __part1) = self;
            <Booking as ::dynamo_model::__private::Model>::key_item((*__part0, __part1))
        }
    }
    #[automatically_derived]
    impl ::dynamo_model::__private::Model for Booking {
        type Key<'k> = (
            <String as ::dynamo_model::__private::KeyType>::Arg<'k>,
            <u64 as ::dynamo_model::__private::KeyType>::Arg<'k>,
        );
        type PartitionKey = String;
        type SortKey = u64;
        type Fields = __DynamoFields;
        fn fields() -> Self::Fields {
            __DynamoFields {
                hotel: ::dynamo_model::__private::expr::KeyPath::new(
                    ::dynamo_model::__private::expr::RawPath::from_static(
                        &[
                            ::dynamo_model::__private::expr::Segment::Name(
                                ::dynamo_model::__private::std::borrow::Cow::Borrowed(
                                    "hotel",
                                ),
                            ),
                        ],
                    ),
                ),
                id: ::dynamo_model::__private::expr::KeyPath::new(
                    ::dynamo_model::__private::expr::RawPath::from_static(
                        &[
                            ::dynamo_model::__private::expr::Segment::Name(
                                ::dynamo_model::__private::std::borrow::Cow::Borrowed("id"),
                            ),
                        ],
                    ),
                ),
                guest: <String as ::dynamo_model::__private::expr::Navigable>::handle::<
                    String,
                >(
                    ::dynamo_model::__private::expr::Path::new(
                        ::dynamo_model::__private::expr::RawPath::from_static(
                            &[
                                ::dynamo_model::__private::expr::Segment::Name(
                                    ::dynamo_model::__private::std::borrow::Cow::Borrowed(
                                        "guest",
                                    ),
                                ),
                            ],
                        ),
                    ),
                ),
                reference: <String as ::dynamo_model::__private::expr::Navigable>::handle::<
                    String,
                >(
                    ::dynamo_model::__private::expr::Path::new(
                        ::dynamo_model::__private::expr::RawPath::from_static(
                            &[
                                ::dynamo_model::__private::expr::Segment::Name(
                                    ::dynamo_model::__private::std::borrow::Cow::Borrowed(
                                        "reference",
                                    ),
                                ),
                            ],
                        ),
                    ),
                ),
                from_day: <u32 as ::dynamo_model::__private::expr::Navigable>::handle::<
                    u32,
                >(
                    ::dynamo_model::__private::expr::Path::new(
                        ::dynamo_model::__private::expr::RawPath::from_static(
                            &[
                                ::dynamo_model::__private::expr::Segment::Name(
                                    ::dynamo_model::__private::std::borrow::Cow::Borrowed(
                                        "fromDay",
                                    ),
                                ),
                            ],
                        ),
                    ),
                ),
                nights: <u8 as ::dynamo_model::__private::expr::Navigable>::handle::<
                    u8,
                >(
                    ::dynamo_model::__private::expr::Path::new(
                        ::dynamo_model::__private::expr::RawPath::from_static(
                            &[
                                ::dynamo_model::__private::expr::Segment::Name(
                                    ::dynamo_model::__private::std::borrow::Cow::Borrowed(
                                        "nights",
                                    ),
                                ),
                            ],
                        ),
                    ),
                ),
                room: <Option<
                    String,
                > as ::dynamo_model::__private::expr::Navigable>::handle::<
                    Option<String>,
                >(
                    ::dynamo_model::__private::expr::Path::new(
                        ::dynamo_model::__private::expr::RawPath::from_static(
                            &[
                                ::dynamo_model::__private::expr::Segment::Name(
                                    ::dynamo_model::__private::std::borrow::Cow::Borrowed(
                                        "room",
                                    ),
                                ),
                            ],
                        ),
                    ),
                ),
                rate: <String as ::dynamo_model::__private::expr::Navigable>::handle::<
                    String,
                >(
                    ::dynamo_model::__private::expr::Path::new(
                        ::dynamo_model::__private::expr::RawPath::from_static(
                            &[
                                ::dynamo_model::__private::expr::Segment::Name(
                                    ::dynamo_model::__private::std::borrow::Cow::Borrowed(
                                        "rate",
                                    ),
                                ),
                            ],
                        ),
                    ),
                ),
                changes: <u64 as ::dynamo_model::__private::expr::Navigable>::handle::<
                    u64,
                >(
                    ::dynamo_model::__private::expr::Path::new(
                        ::dynamo_model::__private::expr::RawPath::from_static(
                            &[
                                ::dynamo_model::__private::expr::Segment::Name(
                                    ::dynamo_model::__private::std::borrow::Cow::Borrowed(
                                        "changes",
                                    ),
                                ),
                            ],
                        ),
                    ),
                ),
                version: <u64 as ::dynamo_model::__private::expr::Navigable>::handle::<
                    u64,
                >(
                    ::dynamo_model::__private::expr::Path::new(
                        ::dynamo_model::__private::expr::RawPath::from_static(
                            &[
                                ::dynamo_model::__private::expr::Segment::Name(
                                    ::dynamo_model::__private::std::borrow::Cow::Borrowed(
                                        "version",
                                    ),
                                ),
                            ],
                        ),
                    ),
                ),
                created: <u64 as ::dynamo_model::__private::expr::Navigable>::handle::<
                    u64,
                >(
                    ::dynamo_model::__private::expr::Path::new(
                        ::dynamo_model::__private::expr::RawPath::from_static(
                            &[
                                ::dynamo_model::__private::expr::Segment::Name(
                                    ::dynamo_model::__private::std::borrow::Cow::Borrowed(
                                        "created",
                                    ),
                                ),
                            ],
                        ),
                    ),
                ),
                updated: ::dynamo_model::__private::expr::Path::new(
                    ::dynamo_model::__private::expr::RawPath::from_static(
                        &[
                            ::dynamo_model::__private::expr::Segment::Name(
                                ::dynamo_model::__private::std::borrow::Cow::Borrowed(
                                    "updated",
                                ),
                            ),
                        ],
                    ),
                ),
                expires: ::dynamo_model::__private::expr::Path::new(
                    ::dynamo_model::__private::expr::RawPath::from_static(
                        &[
                            ::dynamo_model::__private::expr::Segment::Name(
                                ::dynamo_model::__private::std::borrow::Cow::Borrowed(
                                    "expires",
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
                by_guest: ::dynamo_model::__private::Index::new(
                    "by_guest",
                    "guest",
                    ::dynamo_model::__private::core::option::Option::Some("fromDay"),
                ),
                by_room: ::dynamo_model::__private::Index::new(
                    "by_room",
                    "hotel",
                    ::dynamo_model::__private::core::option::Option::Some("room"),
                ),
                __model: ::dynamo_model::__private::core::marker::PhantomData,
            }
        }
        const SCHEMA: ::dynamo_model::__private::Schema = ::dynamo_model::__private::Schema {
            name: "Booking",
            table: "bookings",
            partition_key: ::dynamo_model::__private::KeyAttribute {
                name: "hotel",
                scalar: <String as ::dynamo_model::__private::KeyType>::SCALAR,
            },
            sort_key: ::dynamo_model::__private::core::option::Option::Some(::dynamo_model::__private::KeyAttribute {
                name: "id",
                scalar: <u64 as ::dynamo_model::__private::KeyType>::SCALAR,
            }),
            entity: ::dynamo_model::__private::core::option::Option::None,
            attributes: &[
                "hotel",
                "id",
                "guest",
                "reference",
                "fromDay",
                "nights",
                "room",
                "rate",
                "changes",
                "version",
                "created",
                "updated",
                "expires",
            ],
            indexes: &[
                ::dynamo_model::__private::IndexSchema {
                    name: "by_guest",
                    kind: ::dynamo_model::__private::IndexKind::Global,
                    partition_key: ::dynamo_model::__private::KeyAttribute {
                        name: "guest",
                        scalar: <String as ::dynamo_model::__private::KeyType>::SCALAR,
                    },
                    sort_key: ::dynamo_model::__private::core::option::Option::Some(::dynamo_model::__private::KeyAttribute {
                        name: "fromDay",
                        scalar: <u32 as ::dynamo_model::__private::KeyType>::SCALAR,
                    }),
                    attributes: ::dynamo_model::__private::IndexAttributes::All,
                    more_partition_keys: &[],
                    more_sort_keys: &[],
                },
                ::dynamo_model::__private::IndexSchema {
                    name: "by_room",
                    kind: ::dynamo_model::__private::IndexKind::Local,
                    partition_key: ::dynamo_model::__private::KeyAttribute {
                        name: "hotel",
                        scalar: <String as ::dynamo_model::__private::KeyType>::SCALAR,
                    },
                    sort_key: ::dynamo_model::__private::core::option::Option::Some(::dynamo_model::__private::KeyAttribute {
                        name: "room",
                        scalar: <String as ::dynamo_model::__private::KeyType>::SCALAR,
                    }),
                    attributes: ::dynamo_model::__private::IndexAttributes::All,
                    more_partition_keys: &[],
                    more_sort_keys: &[],
                },
            ],
            ttl: { ::dynamo_model::__private::core::option::Option::Some("expires") },
            version: ::dynamo_model::__private::core::option::Option::Some("version"),
            created_at: ::dynamo_model::__private::core::option::Option::Some("created"),
            updated_at: ::dynamo_model::__private::core::option::Option::Some("updated"),
            counters: &[
                {
                    const _: fn() = || {
                        fn counter<T: ::dynamo_model::__private::Counter + ?Sized>() {}
                        counter::<u64>();
                    };
                    "changes"
                },
            ],
            uniques: &[
                {
                    const _: fn() = || {
                        fn unique<T: ::dynamo_model::__private::UniqueValue + ?Sized>() {}
                        unique::<String>();
                    };
                    "reference"
                },
            ],
            schema_version: ::dynamo_model::__private::core::option::Option::None,
            fields: &[
                ::dynamo_model::__private::FieldSchema {
                    name: "hotel",
                    rust_type: "String",
                    required: true,
                    aliases: &[],
                },
                ::dynamo_model::__private::FieldSchema {
                    name: "id",
                    rust_type: "u64",
                    required: true,
                    aliases: &[],
                },
                ::dynamo_model::__private::FieldSchema {
                    name: "guest",
                    rust_type: "String",
                    required: true,
                    aliases: &[],
                },
                ::dynamo_model::__private::FieldSchema {
                    name: "reference",
                    rust_type: "String",
                    required: true,
                    aliases: &[],
                },
                ::dynamo_model::__private::FieldSchema {
                    name: "fromDay",
                    rust_type: "u32",
                    required: true,
                    aliases: &[],
                },
                ::dynamo_model::__private::FieldSchema {
                    name: "nights",
                    rust_type: "u8",
                    required: true,
                    aliases: &[],
                },
                ::dynamo_model::__private::FieldSchema {
                    name: "room",
                    rust_type: "Option<String>",
                    required: false,
                    aliases: &[],
                },
                ::dynamo_model::__private::FieldSchema {
                    name: "rate",
                    rust_type: "String",
                    required: false,
                    aliases: &[],
                },
                ::dynamo_model::__private::FieldSchema {
                    name: "changes",
                    rust_type: "u64",
                    required: true,
                    aliases: &[],
                },
                ::dynamo_model::__private::FieldSchema {
                    name: "version",
                    rust_type: "u64",
                    required: true,
                    aliases: &[],
                },
                ::dynamo_model::__private::FieldSchema {
                    name: "created",
                    rust_type: "u64",
                    required: true,
                    aliases: &[],
                },
                ::dynamo_model::__private::FieldSchema {
                    name: "updated",
                    rust_type: "std::time::SystemTime",
                    required: true,
                    aliases: &[],
                },
                ::dynamo_model::__private::FieldSchema {
                    name: "expires",
                    rust_type: "std::time::SystemTime",
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
            let mut item = ::dynamo_model::__private::Item::with_capacity(13usize);
            ::dynamo_model::__private::write_field::<
                String,
            >(&mut item, "hotel", &self.hotel)?;
            ::dynamo_model::__private::write_field::<u64>(&mut item, "id", &self.id)?;
            ::dynamo_model::__private::write_field::<
                String,
            >(&mut item, "guest", &self.guest)?;
            ::dynamo_model::__private::write_field::<
                String,
            >(&mut item, "reference", &self.reference)?;
            ::dynamo_model::__private::write_field::<
                u32,
            >(&mut item, "fromDay", &self.from_day)?;
            ::dynamo_model::__private::write_field::<
                u8,
            >(&mut item, "nights", &self.nights)?;
            ::dynamo_model::__private::write_field::<
                Option<String>,
            >(&mut item, "room", &self.room)?;
            ::dynamo_model::__private::write_field_or_default::<
                String,
            >(
                &mut item,
                "rate",
                &self.rate,
                || <String as ::dynamo_model::__private::core::convert::From<
                    _,
                >>::from("standard"),
            )?;
            ::dynamo_model::__private::write_field::<
                u64,
            >(&mut item, "changes", &self.changes)?;
            ::dynamo_model::__private::write_field::<
                u64,
            >(&mut item, "version", &self.version)?;
            ::dynamo_model::__private::write_field::<
                u64,
            >(&mut item, "created", &self.created)?;
            ::dynamo_model::__private::write_converted(
                &mut item,
                "updated",
                dynamo_model::with::epoch_millis::to_attribute(&self.updated),
            )?;
            ::dynamo_model::__private::write_converted(
                &mut item,
                "expires",
                dynamo_model::with::epoch_seconds::to_attribute(&self.expires),
            )?;
            ::dynamo_model::__private::core::result::Result::Ok(item)
        }
        fn from_item(
            mut item: ::dynamo_model::__private::Item,
        ) -> ::dynamo_model::__private::core::result::Result<
            Self,
            ::dynamo_model::__private::ConversionError,
        > {
            ::dynamo_model::__private::core::result::Result::Ok({
                let __field0: String = ::dynamo_model::__private::read_field::<
                    String,
                >(item.remove("hotel"), "hotel")?;
                let __field1: u64 = ::dynamo_model::__private::read_field::<
                    u64,
                >(item.remove("id"), "id")?;
                let __field2: String = ::dynamo_model::__private::read_field::<
                    String,
                >(item.remove("guest"), "guest")?;
                let __field3: String = ::dynamo_model::__private::read_field::<
                    String,
                >(item.remove("reference"), "reference")?;
                let __field4: u32 = ::dynamo_model::__private::read_field::<
                    u32,
                >(item.remove("fromDay"), "fromDay")?;
                let __field5: u8 = ::dynamo_model::__private::read_field::<
                    u8,
                >(item.remove("nights"), "nights")?;
                let __field6: Option<String> = ::dynamo_model::__private::read_field::<
                    Option<String>,
                >(item.remove("room"), "room")?;
                let __field7: String = match item.remove("rate") {
                    ::dynamo_model::__private::core::option::Option::Some(value) => {
                        ::dynamo_model::__private::read_field::<
                            String,
                        >(
                            ::dynamo_model::__private::core::option::Option::Some(value),
                            "rate",
                        )?
                    }
                    ::dynamo_model::__private::core::option::Option::None => {
                        <String as ::dynamo_model::__private::core::convert::From<
                            _,
                        >>::from("standard")
                    }
                };
                let __field8: u64 = ::dynamo_model::__private::read_field::<
                    u64,
                >(item.remove("changes"), "changes")?;
                let __field9: u64 = ::dynamo_model::__private::read_field::<
                    u64,
                >(item.remove("version"), "version")?;
                let __field10: u64 = ::dynamo_model::__private::read_field::<
                    u64,
                >(item.remove("created"), "created")?;
                let __field11: std::time::SystemTime = ::dynamo_model::__private::read_converted(
                    dynamo_model::with::epoch_millis::from_attribute(
                        item.remove("updated"),
                    ),
                    "updated",
                )?;
                let __field12: std::time::SystemTime = ::dynamo_model::__private::read_converted(
                    dynamo_model::with::epoch_seconds::from_attribute(
                        item.remove("expires"),
                    ),
                    "expires",
                )?;
                let __field13: bool = <bool as ::dynamo_model::__private::core::default::Default>::default();
                Self {
                    hotel: __field0,
                    id: __field1,
                    guest: __field2,
                    reference: __field3,
                    from_day: __field4,
                    nights: __field5,
                    room: __field6,
                    rate: __field7,
                    changes: __field8,
                    version: __field9,
                    created: __field10,
                    updated: __field11,
                    expires: __field12,
                    loaded: __field13,
                }
            })
        }
        fn key_item(
            key: (
                <String as ::dynamo_model::__private::KeyType>::Arg<'_>,
                <u64 as ::dynamo_model::__private::KeyType>::Arg<'_>,
            ),
        ) -> ::dynamo_model::__private::core::result::Result<
            ::dynamo_model::__private::Item,
            ::dynamo_model::__private::ConversionError,
        > {
            let (hash, range) = key;
            ::dynamo_model::__private::key_item_of(
                ("hotel", ::dynamo_model::__private::key_attribute("hotel", &hash)?),
                ::dynamo_model::__private::core::option::Option::Some((
                    "id",
                    ::dynamo_model::__private::key_attribute("id", &range)?,
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
                    "hotel",
                    ::dynamo_model::__private::key_attribute("hotel", &self.hotel)?,
                ),
                ::dynamo_model::__private::core::option::Option::Some((
                    "id",
                    ::dynamo_model::__private::key_attribute("id", &self.id)?,
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
                let value: &String = &self.guest;
                failures
                    .check(
                        path,
                        "guest",
                        "non_blank",
                        ::dynamo_model::__private::rules::non_blank(value),
                    );
                failures
                    .check(
                        path,
                        "guest",
                        "max_length",
                        ::dynamo_model::__private::rules::max_length(value, 40),
                    );
            }
            {
                let value: &u8 = &self.nights;
                failures
                    .check(
                        path,
                        "nights",
                        "min",
                        ::dynamo_model::__private::rules::min(
                            value,
                            &{
                                let bound: u8 = 1;
                                bound
                            },
                        ),
                    );
                failures
                    .check(
                        path,
                        "nights",
                        "max",
                        ::dynamo_model::__private::rules::max(
                            value,
                            &{
                                let bound: u8 = 30;
                                bound
                            },
                        ),
                    );
            }
            ::dynamo_model::__private::Hooks::validate_model(self, failures);
            all.into_result(<Self as ::dynamo_model::__private::Model>::SCHEMA.table)
        }
        fn version(&self) -> u64 {
            <u64 as ::dynamo_model::__private::Version>::get(self.version)
        }
    }
    #[automatically_derived]
    impl ::dynamo_model::__private::WriteBehaviours for Booking {
        fn validate_value(
            name: &str,
            value: &::dynamo_model::__private::AttributeValue,
            failures: &mut ::dynamo_model::__private::Failures,
        ) {
            let path = "";
            match name {
                "guest" => {
                    let decoded: ::dynamo_model::__private::core::result::Result<
                        String,
                        _,
                    > = <String as ::dynamo_model::__private::FromAttribute>::from_attribute(
                        value.clone(),
                    );
                    if let ::dynamo_model::__private::core::result::Result::Ok(
                        decoded,
                    ) = decoded {
                        let value: &String = &decoded;
                        failures
                            .check(
                                path,
                                "guest",
                                "non_blank",
                                ::dynamo_model::__private::rules::non_blank(value),
                            );
                        failures
                            .check(
                                path,
                                "guest",
                                "max_length",
                                ::dynamo_model::__private::rules::max_length(value, 40),
                            );
                    }
                }
                "nights" => {
                    let decoded: ::dynamo_model::__private::core::result::Result<
                        u8,
                        _,
                    > = <u8 as ::dynamo_model::__private::FromAttribute>::from_attribute(
                        value.clone(),
                    );
                    if let ::dynamo_model::__private::core::result::Result::Ok(
                        decoded,
                    ) = decoded {
                        let value: &u8 = &decoded;
                        failures
                            .check(
                                path,
                                "nights",
                                "min",
                                ::dynamo_model::__private::rules::min(
                                    value,
                                    &{
                                        let bound: u8 = 1;
                                        bound
                                    },
                                ),
                            );
                        failures
                            .check(
                                path,
                                "nights",
                                "max",
                                ::dynamo_model::__private::rules::max(
                                    value,
                                    &{
                                        let bound: u8 = 30;
                                        bound
                                    },
                                ),
                            );
                    }
                }
                _ => {}
            }
        }
        const VERSION_MAX: u64 = <u64 as ::dynamo_model::__private::Version>::MAX;
        fn set_version(&mut self, version: u64) {
            self.version = <u64 as ::dynamo_model::__private::Version>::of(version);
        }
        fn stamp(
            &mut self,
            now: ::dynamo_model::__private::std::time::SystemTime,
            creating: bool,
        ) {
            self.updated = <std::time::SystemTime as ::dynamo_model::__private::TimestampField>::at(
                now,
            );
            if creating
                || <u64 as ::dynamo_model::__private::TimestampField>::is_unset(
                    &self.created,
                )
            {
                self.created = <u64 as ::dynamo_model::__private::TimestampField>::at(
                    now,
                );
            }
        }
        fn stamp_update(
            update: &::dynamo_model::__private::expr::Update,
            now: ::dynamo_model::__private::std::time::SystemTime,
        ) -> ::dynamo_model::__private::expr::Update {
            let fields = <Self as ::dynamo_model::__private::Model>::fields();
            let mut extra = ::dynamo_model::__private::expr::Update::new();
            if !update.touches("updated") {
                extra = ::dynamo_model::__private::expr::UpdateActions::set(
                    extra,
                    &fields.updated,
                    <std::time::SystemTime as ::dynamo_model::__private::TimestampField>::at(
                        now,
                    ),
                );
            }
            if !update.touches("created") {
                extra = ::dynamo_model::__private::expr::UpdateActions::set_if_not_exists(
                    extra,
                    &fields.created,
                    <u64 as ::dynamo_model::__private::TimestampField>::at(now),
                );
            }
            extra
        }
    }
};
