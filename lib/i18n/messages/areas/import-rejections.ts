import { defineMessages } from '../../define';

/**
 * Why an imported row (a CSV import, the events API, a campaign outcome upload) was rejected: `ImportError.reasonKey`
 * is `importRejections.<code>` and `ImportError.params` its parameters; the English text is also stored as `reason`
 * (made from this catalogue, lib/import/rejection-codes.ts), and the events API answers with the same code and params.
 */
export const importRejectionsMessages = defineMessages(
  {
    futureTimestamp: '{field} {value} is more than 24 hours in the future',
    purchaseQuantity: 'a purchase needs a quantity of at least 1, got {value}',
    negativePrice: 'a purchase cannot have a negative price, got {value}',
    unterminatedQuote:
      'unterminated quoted field: the quote opened on line {line} is never closed before the end of the file',
    malformedQuote:
      'malformed quoting in column {column}: text follows a closing quote (an unescaped " inside a quoted field?)',
    fieldTooLarge: 'field {column} has {size} bytes, more than the limit of {limit} bytes',
    invalidEncoding:
      "invalid byte sequence in column {column}: the text is not valid {encoding} (choose the file's encoding or re-save it as UTF-8)",
    rowTooLarge: 'row has {size} bytes, more than the limit of {limit} bytes',
    fieldOverLimit: 'field {column} is larger than the limit of {limit} bytes',
    rowOverLimit: 'row is larger than the limit of {limit} bytes',
    tooFewFields: 'too few fields: expected {expected}, found {found}',
    tooManyFields: 'too many fields: expected {expected}, found {found} (an unquoted "{delimiter}" inside a value?)',
    required: '{field} is required but the cell is empty',
    idTooLong: '{field} is longer than 200 characters',
    notNumber: '{field} is not a number: "{value}"',
    notWholeNumber: '{field} must be a whole number, got "{value}"',
    outOfRange: '{field} is out of range: {value}',
    notBoolean: '{field} is not yes/no: "{value}"',
    invalidDate:
      '{field} is not a valid date: "{value}" (expected e.g. 2024-03-05 14:30, 2024-03-05T14:30:00+08:00, 3/5/2024, 2024年3月5日 or epoch seconds)',
    invalidDateDmy:
      '{field} is not a valid date: "{value}" (read as day/month/year; set the date order option if the file uses the other order)',
    invalidDateMdy:
      '{field} is not a valid date: "{value}" (read as month/day/year; set the date order option if the file uses the other order)',
    invalidCurrency: 'currency is not an ISO 4217 code: "{value}"',
    currencyMismatch: 'the amount is written in {symbol} but the currency column says {currency}',
    noExchangeRate:
      'unknown currency {currency}: no exchange rate to {base} (add it under Settings → Shop → Exchange rates)',
    invalidEmail: 'email is not an e-mail address: "{value}"',
    birthYearRange: 'birth_year must be a year between 1900 and {max}, got "{value}"',
    unknownOrderStatus:
      'unknown order status "{value}" (expected completed, cancelled or returned, or a synonym such as paid, refunded, 已完成)',
    lineNoTooSmall: 'line_no must be 1 or more, got {value}',
    unknownEventType:
      'unknown event_type "{value}" (expected view, search, cart, purchase, click, exposure, open or feedback, or a synonym such as add_to_cart)',
    variantWithoutCampaign: 'variant is set but campaign_id is empty',
    negativeProductPrice: 'price cannot be negative: {value}',
    categoryZhWithoutCategory: 'category_zh "{value}" needs a category to name',
    categoryZhLevels:
      'category_zh has {levels} level(s) but category has {expected}: write one Chinese name per level, e.g. "运动 > 跑步 > 跑鞋"',
    imageNotAbsolute: 'image_url must be an absolute https:// URL (or a path under /images/), got "{value}"',
    imageNotHttps: 'image_url must use https:// (an admin can allow http under Settings → Shop), got "{value}"',
    imageCredentials: 'image_url must not contain a user name or password, got "{value}"',
    duplicateCustomer:
      'duplicate customer_id "{id}": line {line} has the same id with different values (the first is kept)',
    duplicateProduct: 'duplicate sku "{id}": line {line} has the same sku with different values (the first is kept)',
    duplicateEvent: 'duplicate event: line {line} has the same event fields with different values (the first is kept)',
    duplicateEventId:
      'duplicate event: line {line} has the same event_id "{id}" with different values (the first is kept)',
    duplicateOrderLine:
      'duplicate order line: line {line} has the same order_id "{id}" and line_no {lineNo} with different values (the first is kept)',
    orderDisagrees:
      'order "{id}" disagrees with its line {line}: all lines of an order must have the same customer_id, order_date, status and currency',
    orderMixesReturns:
      'order "{id}" disagrees with its line {line}: all lines of an order must have the same customer_id, order_date, status and currency (without a status, a negative quantity makes a line a return, so one order cannot mix purchases and returns: add a status column or give returns their own order id)',
    unknownCustomer:
      'unknown customer_id "{value}": no such customer (import customers first, or turn on "create missing customers")',
    unknownSku:
      'unknown sku "{value}": no such product (import the catalogue first, or turn on "create stub products")',
    unknownCampaign: 'unknown campaign_id {value}: no such campaign',
    unknownVariant: 'unknown variant "{value}" for campaign {campaign}',
    invalidEventField: '{field}: {problem}',
    notOutcome: 'event_type "{value}" is not an outcome (open, click, purchase, exposure, feedback)',
    outcomeBadDate: 'timestamp "{value}" is not a date',
    outcomeBadValue: 'value "{value}" is not a number',
    outcomeNoCustomer: 'customer_id is empty',
    outcomeUnknownCustomer: 'unknown customer_id "{value}"',
    notInAudience: 'customer "{value}" is not in this campaign\'s audience',
    wrongVariant: 'variant "{value}" differs from the assigned variant "{assigned}"',
    holdoutOutcome: 'a holdout customer received no message, so cannot open, click or rate it',
  },
  {
    futureTimestamp: '{field} {value} 比当前时间晚 24 小时以上',
    purchaseQuantity: '购买的数量至少为 1（实际为 {value}）',
    negativePrice: '购买的价格不能为负数（实际为 {value}）',
    unterminatedQuote: '引号字段未闭合：第 {line} 行开始的引号直到文件结尾都没有闭合',
    malformedQuote: '第 {column} 列的引号格式有误：右引号后面还有文字（引号字段里有未转义的 "？）',
    fieldTooLarge: '第 {column} 个字段有 {size} 字节，超过 {limit} 字节的上限',
    invalidEncoding: '第 {column} 列的字节序列无效：不是有效的 {encoding} 文本（请选择文件的编码，或另存为 UTF-8）',
    rowTooLarge: '该行有 {size} 字节，超过 {limit} 字节的上限',
    fieldOverLimit: '第 {column} 个字段超过 {limit} 字节的上限',
    rowOverLimit: '该行超过 {limit} 字节的上限',
    tooFewFields: '字段太少：应有 {expected} 个，实际 {found} 个',
    tooManyFields: '字段太多：应有 {expected} 个，实际 {found} 个（某个值里有未加引号的 "{delimiter}"？）',
    required: '{field} 为必填项，但单元格为空',
    idTooLong: '{field} 超过 200 个字符',
    notNumber: '{field} 不是数字："{value}"',
    notWholeNumber: '{field} 必须是整数，实际为 "{value}"',
    outOfRange: '{field} 超出范围：{value}',
    notBoolean: '{field} 不是“是/否”："{value}"',
    invalidDate:
      '{field} 不是有效日期："{value}"（示例：2024-03-05 14:30、2024-03-05T14:30:00+08:00、3/5/2024、2024年3月5日 或 Unix 秒数）',
    invalidDateDmy: '{field} 不是有效日期："{value}"（按 日/月/年 读取；如果文件用的是另一种顺序，请设置日期顺序选项）',
    invalidDateMdy: '{field} 不是有效日期："{value}"（按 月/日/年 读取；如果文件用的是另一种顺序，请设置日期顺序选项）',
    invalidCurrency: 'currency 不是 ISO 4217 货币代码："{value}"',
    currencyMismatch: '金额用 {symbol} 书写，但 currency 列为 {currency}',
    noExchangeRate: '未知货币 {currency}：没有到 {base} 的汇率（请在 设置 → 店铺 → 汇率 中添加）',
    invalidEmail: 'email 不是电子邮件地址："{value}"',
    birthYearRange: 'birth_year 必须是 1900 到 {max} 之间的年份，实际为 "{value}"',
    unknownOrderStatus:
      '未知订单状态 "{value}"（应为 completed、cancelled 或 returned，或其同义词，如 paid、refunded、已完成）',
    lineNoTooSmall: 'line_no 必须大于等于 1，实际为 {value}',
    unknownEventType:
      '未知 event_type "{value}"（应为 view、search、cart、purchase、click、exposure、open 或 feedback，或其同义词，如 add_to_cart）',
    variantWithoutCampaign: '填写了 variant，但 campaign_id 为空',
    negativeProductPrice: 'price 不能为负数：{value}',
    categoryZhWithoutCategory: 'category_zh "{value}" 需要对应的 category',
    categoryZhLevels:
      'category_zh 有 {levels} 级，但 category 有 {expected} 级：每一级写一个中文名称，例如 "运动 > 跑步 > 跑鞋"',
    imageNotAbsolute: 'image_url 必须是完整的 https:// 网址（或 /images/ 下的路径），实际为 "{value}"',
    imageNotHttps: 'image_url 必须使用 https://（管理员可在 设置 → 店铺 中允许 http），实际为 "{value}"',
    imageCredentials: 'image_url 不能包含用户名或密码，实际为 "{value}"',
    duplicateCustomer: '重复的 customer_id "{id}"：第 {line} 行的 id 相同但值不同（保留第一行）',
    duplicateProduct: '重复的 sku "{id}"：第 {line} 行的 sku 相同但值不同（保留第一行）',
    duplicateEvent: '重复的事件：第 {line} 行的事件字段相同但值不同（保留第一行）',
    duplicateEventId: '重复的事件：第 {line} 行的 event_id "{id}" 相同但值不同（保留第一行）',
    duplicateOrderLine: '重复的订单行：第 {line} 行的 order_id "{id}" 和 line_no {lineNo} 相同但值不同（保留第一行）',
    orderDisagrees:
      '订单 "{id}" 与其第 {line} 行不一致：同一订单的所有行必须有相同的 customer_id、order_date、status 和 currency',
    orderMixesReturns:
      '订单 "{id}" 与其第 {line} 行不一致：同一订单的所有行必须有相同的 customer_id、order_date、status 和 currency（没有状态列时，数量为负的行视为退货，因此一个订单不能同时包含购买和退货：请添加状态列，或给退货单独的订单号）',
    unknownCustomer: '未知 customer_id "{value}"：没有该客户（请先导入客户，或开启“自动创建缺失的客户”）',
    unknownSku: '未知 sku "{value}"：没有该商品（请先导入商品目录，或开启“创建占位商品”）',
    unknownCampaign: '未知 campaign_id {value}：没有该活动',
    unknownVariant: '活动 {campaign} 没有变体 "{value}"',
    invalidEventField: '{field}：{problem}',
    notOutcome: 'event_type "{value}" 不是结果事件（open、click、purchase、exposure、feedback）',
    outcomeBadDate: 'timestamp "{value}" 不是日期',
    outcomeBadValue: 'value "{value}" 不是数字',
    outcomeNoCustomer: 'customer_id 为空',
    outcomeUnknownCustomer: '未知 customer_id "{value}"',
    notInAudience: '客户 "{value}" 不在该活动的受众中',
    wrongVariant: '变体 "{value}" 与分配的变体 "{assigned}" 不同',
    holdoutOutcome: '对照组客户没有收到消息，因此不能打开、点击或评价它',
  },
);
