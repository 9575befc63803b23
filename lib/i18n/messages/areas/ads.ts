import { defineMessages } from '../../define';

/** UI text of ad-platform audience exports (Google Customer Match, Meta custom audiences). */
export const adsMessages = defineMessages(
  {
    export: {
      title: 'Ad audiences',
      help: 'Download this audience for Google Customer Match or a Meta custom audience: e-mail and phone are normalised and SHA-256 hashed, only customers who agreed to ads are included, never a suppressed address. Every download is recorded in the audit log.',
      countryCode: 'Country code for numbers without one',
      google: 'Google Customer Match CSV',
      meta: 'Meta custom audience CSV',
    },
    errors: {
      platform: 'Choose Google or Meta.',
      countryCode: 'Enter a country calling code of 1–3 digits, for example 86 or 44.',
    },
  },
  {
    export: {
      title: '广告受众',
      help: '将此受众下载为 Google 客户匹配或 Meta 自定义受众文件：邮箱和手机号按平台规则规范化并做 SHA-256 哈希，只包含同意广告匹配的客户，绝不包含已屏蔽的地址。每次下载都会记入审计日志。',
      countryCode: '无国家代码的号码使用的国家代码',
      google: 'Google 客户匹配 CSV',
      meta: 'Meta 自定义受众 CSV',
    },
    errors: {
      platform: '请选择 Google 或 Meta。',
      countryCode: '请输入 1–3 位的国家/地区电话代码，例如 86 或 44。',
    },
  },
);
