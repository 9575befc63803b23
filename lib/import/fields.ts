/**
 * The canonical import fields per kind. Demo generators write exactly these headers; uploaded files are mapped onto
 * them (aliases below, EN + ZH). `aliases` are matched after `normaliseHeader`; the first list scores higher than
 * `weak` (a header that often, but not always, means this field).
 */
export const IMPORT_KINDS = ['catalogue', 'customers', 'orders', 'events'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export type FieldType =
  | 'id'
  | 'text'
  | 'number'
  | 'money'
  | 'integer'
  | 'date'
  | 'boolean'
  | 'currency'
  | 'category'
  | 'brand'
  | 'eventType'
  | 'status'
  | 'gender';

export type FieldSpec = {
  key: string;
  type: FieldType;
  required: boolean;
  label: string;
  labelZh: string;
  aliases: string[];
  weak?: string[];
};

const f = (
  key: string,
  type: FieldType,
  required: boolean,
  label: string,
  labelZh: string,
  aliases: string[],
  weak: string[] = [],
): FieldSpec => ({ key, type, required, label, labelZh, aliases: [key, ...aliases], weak });

const SKU = [
  'product_id',
  'productid',
  'item_id',
  'itemid',
  'stockcode',
  'stock_code',
  'product_code',
  'item_code',
  'article_number',
  'pid',
  '商品编号',
  '商品编码',
  '货号',
  '商品id',
  '产品编号',
  '产品id',
  'sku编码',
  '款号',
];
const CUSTOMER_ID = [
  'customerid',
  'customer',
  'client_id',
  'user_id',
  'userid',
  'user',
  'member_id',
  'buyer_id',
  'uid',
  '客户id',
  '客户编号',
  '用户id',
  '用户编号',
  '会员id',
  '会员编号',
  '顾客id',
  '买家id',
];
const CURRENCY = ['currency_code', 'curr', '币种', '货币', '币别'];
const CATEGORY = [
  'category_path',
  'product_category',
  'product_category_tree',
  'categories',
  'category_name',
  'product_category_name',
  '类目',
  '分类',
  '商品类目',
  '品类',
  '类别',
  '商品分类',
];
const QUANTITY = ['qty', 'units', 'quantity_ordered', '数量', '购买数量', '件数', '商品数量'];

export const FIELD_SPECS: Record<ImportKind, FieldSpec[]> = {
  catalogue: [
    f('sku', 'id', true, 'SKU', '商品编号', SKU, ['code', 'id', 'uniq_id', '编码']),
    f(
      'title',
      'text',
      true,
      'Title',
      '商品名称',
      ['name', 'product_name', 'product_title', 'item_name', '商品名称', '标题', '名称', '品名', '产品名称', '商品名'],
      ['description', '商品', 'product'],
    ),
    f('title_zh', 'text', false, 'Chinese title', '中文名称', [
      'name_zh',
      'chinese_title',
      'title_cn',
      '中文名称',
      '中文标题',
      '商品中文名',
    ]),
    f('description', 'text', false, 'Description', '描述', [
      'desc',
      'details',
      'long_description',
      'product_description',
      '描述',
      '商品描述',
      '详情',
      '说明',
    ]),
    f('category', 'category', false, 'Category', '类目', CATEGORY),
    f('category_zh', 'text', false, 'Chinese category', '中文类目', [
      'category_cn',
      'chinese_category',
      'category_name_zh',
      '中文类目',
      '类目中文',
      '中文分类',
    ]),
    f('brand', 'brand', false, 'Brand', '品牌', ['brand_name', 'manufacturer', 'make', '品牌', '品牌名称']),
    f(
      'price',
      'money',
      true,
      'Price',
      '价格',
      [
        'unit_price',
        'unitprice',
        'sale_price',
        'selling_price',
        'retail_price',
        'list_price',
        '价格',
        '单价',
        '售价',
        '销售价',
        '零售价',
      ],
      ['discounted_price', '现价'],
    ),
    f('currency', 'currency', false, 'Currency', '币种', CURRENCY),
    f('color', 'text', false, 'Colour', '颜色', ['colour', '颜色']),
    f('size', 'text', false, 'Size', '尺码', ['尺码', '尺寸', '规格']),
    f('material', 'text', false, 'Material', '材质', ['fabric', '材质', '面料']),
    f(
      'stock',
      'integer',
      false,
      'Stock',
      '库存',
      ['inventory', 'stock_qty', 'qty_in_stock', 'on_hand', '库存', '库存数量'],
      ['quantity', '数量'],
    ),
    f(
      'active',
      'boolean',
      false,
      'Active',
      '上架',
      [
        'is_active',
        'enabled',
        'published',
        'on_sale',
        'sellable',
        'available',
        'is_available',
        'purchasable',
        'visible',
        '上架',
        '是否上架',
        '在售',
      ],
      ['status', '状态'],
    ),
    f(
      'image_url',
      'text',
      false,
      'Image URL',
      '图片链接',
      ['image', 'image_link', 'img', 'picture', 'photo_url', 'main_image', '图片', '图片链接', '主图'],
      ['images'],
    ),
  ],
  customers: [
    f('customer_id', 'id', true, 'Customer ID', '客户ID', CUSTOMER_ID, ['id', 'cust', 'masterid']),
    f('name', 'text', false, 'Name', '姓名', [
      'full_name',
      'customer_name',
      'username',
      '姓名',
      '名字',
      '客户名称',
      '用户名',
      '客户姓名',
      '会员名',
      '昵称',
    ]),
    f('email', 'text', false, 'Email', '邮箱', [
      'e_mail',
      'mail',
      'email_address',
      '邮箱',
      '电子邮件',
      '邮件',
      '邮箱地址',
    ]),
    f('phone', 'text', false, 'Phone', '手机', [
      'mobile',
      'telephone',
      'tel',
      'phone_number',
      'mobile_phone',
      '手机',
      '手机号',
      '电话',
      '联系电话',
      '手机号码',
    ]),
    f('gender', 'gender', false, 'Gender', '性别', ['sex', '性别']),
    f('birth_year', 'integer', false, 'Birth year', '出生年份', [
      'year_of_birth',
      'birthyear',
      'birth_date',
      'birthday',
      'date_of_birth',
      'dob',
      '出生年份',
      '生日',
      '出生日期',
      '出生年',
    ]),
    f('region', 'text', false, 'Region', '地区', [
      'country',
      'state',
      'province',
      'country_code',
      '国家',
      '地区',
      '省份',
      '区域',
      '省',
    ]),
    f('city', 'text', false, 'City', '城市', ['town', '城市', '市']),
    f(
      'signup_date',
      'date',
      false,
      'Signup date',
      '注册时间',
      [
        'signup',
        'signup_at',
        'registered_at',
        'registration_date',
        'join_date',
        'joined',
        'member_since',
        'first_seen',
        '注册时间',
        '注册日期',
        '入会时间',
        '加入时间',
      ],
      ['created_at', 'created', '创建时间'],
    ),
    f('consent_email', 'boolean', false, 'Email consent', '邮件订阅', [
      'email_opt_in',
      'email_consent',
      'accepts_marketing',
      'newsletter',
      '邮件订阅',
      '同意邮件营销',
      '接收邮件',
    ]),
    f('consent_sms', 'boolean', false, 'SMS consent', '短信订阅', [
      'sms_opt_in',
      'sms_consent',
      'accepts_sms',
      '短信订阅',
      '同意短信营销',
      '接收短信',
    ]),
    f('consent_push', 'boolean', false, 'Push consent', '推送订阅', [
      'push_opt_in',
      'push_consent',
      '推送订阅',
      '同意推送',
      '接收推送',
    ]),
    f('consent_ads', 'boolean', false, 'Ad audiences consent', '广告受众授权', [
      'ads_opt_in',
      'ads_consent',
      'ad_consent',
      'advertising_consent',
      'accepts_ads',
      '广告授权',
      '同意广告',
      '广告受众授权',
      '同意广告定向',
    ]),
    f('consent_date', 'date', false, 'Consent date', '订阅时间', [
      'consent_at',
      'consented_at',
      'consent_timestamp',
      'opt_in_date',
      '订阅时间',
      '同意时间',
    ]),
  ],
  orders: [
    f(
      'order_id',
      'id',
      true,
      'Order ID',
      '订单号',
      [
        'orderid',
        'order_no',
        'order_number',
        'invoice',
        'invoiceno',
        'invoice_no',
        'invoice_number',
        'transaction_id',
        '订单号',
        '订单编号',
        '订单id',
        '单号',
      ],
      ['order', 'id'],
    ),
    f('customer_id', 'id', true, 'Customer ID', '客户ID', CUSTOMER_ID, ['cust', 'masterid']),
    f(
      'order_date',
      'date',
      true,
      'Order date',
      '下单时间',
      [
        'orderdate',
        'invoice_date',
        'invoicedate',
        'order_time',
        'purchase_date',
        'order_created_at',
        '下单时间',
        '订单时间',
        '下单日期',
        '购买时间',
        '支付时间',
        '成交时间',
      ],
      ['date', 'created_at', 'timestamp', 'time', '日期', '时间'],
    ),
    f('sku', 'id', true, 'SKU', '商品编号', SKU, ['code', 'item', 'product']),
    f('quantity', 'integer', true, 'Quantity', '数量', QUANTITY, ['count', 'cds']),
    f(
      'unit_price',
      'money',
      true,
      'Unit price',
      '单价',
      ['unitprice', 'price', 'item_price', 'price_each', '单价', '价格', '成交价', '商品单价'],
      ['sales', 'amount'],
    ),
    f('currency', 'currency', false, 'Currency', '币种', CURRENCY),
    f('status', 'status', false, 'Status', '订单状态', ['order_status', '订单状态'], ['state', '状态']),
    f('line_no', 'integer', false, 'Line number', '行号', [
      'line',
      'line_number',
      'line_item',
      'item_no',
      '行号',
      '序号',
    ]),
  ],
  events: [
    f('event_id', 'id', false, 'Event ID', '事件ID', ['eventid', 'uuid', 'event_uuid', '事件id', '事件编号'], ['id']),
    f('customer_id', 'id', true, 'Customer ID', '客户ID', CUSTOMER_ID, ['cust', 'visitor_id', 'visitorid', '访客id']),
    f('event_type', 'eventType', true, 'Event type', '事件类型', [
      'event',
      'type',
      'action',
      'behavior',
      'behaviour',
      'event_name',
      'behavior_type',
      '行为',
      '事件类型',
      '行为类型',
      '事件',
      '动作',
      '操作',
    ]),
    f(
      'timestamp',
      'date',
      true,
      'Timestamp',
      '时间',
      [
        'time',
        'ts',
        'event_time',
        'datetime',
        'date_time',
        'occurred_at',
        'event_timestamp',
        '时间',
        '时间戳',
        '发生时间',
        '行为时间',
        '事件时间',
      ],
      ['date', 'created_at', '日期'],
    ),
    f('session_id', 'text', false, 'Session', '会话ID', ['session', 'sid', 'visit_id', 'sessionid', '会话id', '会话']),
    f('sku', 'id', false, 'SKU', '商品编号', SKU, ['item', 'product']),
    f('category', 'category', false, 'Category', '类目', CATEGORY),
    f('query', 'text', false, 'Search query', '搜索词', [
      'search_term',
      'search_query',
      'keyword',
      'keywords',
      'q',
      'term',
      '搜索词',
      '关键词',
      '查询',
    ]),
    f('quantity', 'integer', false, 'Quantity', '数量', QUANTITY),
    f('price', 'money', false, 'Price', '价格', ['unit_price', 'unitprice', 'item_price', '价格', '单价']),
    f('value', 'number', false, 'Value', '金额', [
      'revenue',
      'amount',
      'score',
      'rating',
      '金额',
      '价值',
      '评分',
      '收入',
    ]),
    f('currency', 'currency', false, 'Currency', '币种', CURRENCY),
    f('campaign_id', 'integer', false, 'Campaign', '活动ID', ['campaign', 'campaignid', '活动id', '活动']),
    f('variant', 'text', false, 'Variant', '实验组', [
      'variant_id',
      'variant_key',
      'arm',
      'group',
      '版本',
      '实验组',
      '分组',
    ]),
    f('order_id', 'text', false, 'Order ID', '订单号', [
      'orderid',
      'order_no',
      'order_number',
      'invoiceno',
      'transaction_id',
      '订单号',
      '订单编号',
    ]),
  ],
};

export function fieldSpec(kind: ImportKind, key: string): FieldSpec | undefined {
  return FIELD_SPECS[kind].find((s) => s.key === key);
}

export function isImportKind(v: string): v is ImportKind {
  return (IMPORT_KINDS as readonly string[]).includes(v);
}

/** Kinds whose extra columns are kept in the row's `attributes` JSON. */
export const KEEPS_ATTRIBUTES: Record<ImportKind, boolean> = {
  catalogue: true,
  customers: true,
  orders: false,
  events: false,
};

/** Required fields of a kind that a mapping (field → column) leaves unmapped; every field for an unknown kind. */
export function missingRequiredFields(
  kind: string,
  mapping: Readonly<Record<string, string | null | undefined>>,
): string[] {
  if (!isImportKind(kind)) return [`a known import kind (got "${kind}")`];
  return FIELD_SPECS[kind].filter((s) => s.required && !mapping[s.key]?.trim()).map((s) => s.key);
}
