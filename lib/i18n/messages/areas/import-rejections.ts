import { defineMessages } from '../../define';

/**
 * Rejections of impossible values (imports and the events API): `ImportError.reasonKey` is `importRejections.<code>`
 * and `ImportError.params` its parameters; the events API answers with the same code and params.
 */
export const importRejectionsMessages = defineMessages(
  {
    futureTimestamp: '{field} {value} is more than 24 hours in the future',
    purchaseQuantity: 'A purchase needs a quantity of at least 1 (got {value})',
    negativePrice: 'A purchase cannot have a negative price (got {value})',
  },
  {
    futureTimestamp: '{field} {value} 比当前时间晚 24 小时以上',
    purchaseQuantity: '购买的数量至少为 1（实际为 {value}）',
    negativePrice: '购买的价格不能为负数（实际为 {value}）',
  },
);
