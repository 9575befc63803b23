import { defineMessages } from '../../define';

/** The assistant: "Describe the audience" on the segment builder and its reading back. */
export const assistantMessages = defineMessages(
  {
    describe: {
      label: 'Describe the audience',
      placeholder: 'e.g. women in Shanghai who love beauty and haven’t bought in 60 days',
      submit: 'Fill the builder',
      working: 'Reading…',
      offline: 'Offline parser',
      model: 'AI ({model})',
      reading: 'Reading: {text}',
      skipped: 'Not understood: {words}',
      nothing: 'Nothing in this sentence matched the shop’s tags, categories, brands, places or conditions.',
      invalid: 'The sentence gave conditions the builder cannot use: {problems}',
      unsaved: 'The builder is filled in; nothing is saved until you save the segment.',
    },
    join: { and: ' and ', or: ' or ', not: 'not ({text})', group: '({text})' },
    errors: { text: 'Write a sentence of 1 to 500 characters.' },
  },
  {
    describe: {
      label: '描述目标人群',
      placeholder: '例如：上海喜欢美妆、60天没有购买的女性',
      submit: '填入构建器',
      working: '解析中…',
      offline: '离线解析器',
      model: 'AI（{model}）',
      reading: '解读：{text}',
      skipped: '未能理解：{words}',
      nothing: '这句话中没有匹配到店铺的标签、类目、品牌、地区或条件。',
      invalid: '这句话得到的条件无法用于构建器：{problems}',
      unsaved: '已填入构建器；保存分群之前不会保存任何内容。',
    },
    join: { and: '且', or: '或', not: '非（{text}）', group: '（{text}）' },
    errors: { text: '请输入 1 到 500 个字符的一句话。' },
  },
);
