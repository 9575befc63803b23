import { defineMessages } from '../../define';

/** UI text of automated flows (journeys): English, then Chinese. */
export const flowsMessages = defineMessages(
  {
    errors: {
      subject: 'Write a subject line.',
      body: 'Write the message text.',
      noLanguage: 'Give the message in English, Chinese or both.',
      oneSplit: 'A flow can have one A/B split.',
      splitTarget: 'Path B must start at a later step, after the step that follows the split.',
      noMessage: 'A flow needs at least one e-mail or webhook step.',
      notFound: 'This flow does not exist.',
      disableFirst: 'Turn the flow off before changing its steps.',
      noSmtp: 'Set up e-mail sending under Settings before enabling a flow that sends e-mails.',
    },
  },
  {
    errors: {
      subject: '请填写邮件主题。',
      body: '请填写消息正文。',
      noLanguage: '请提供英文、中文或两种语言的消息。',
      oneSplit: '一个流程只能有一个 A/B 分流。',
      splitTarget: 'B 路径必须从分流后下一步之后的某一步开始。',
      noMessage: '流程至少需要一个邮件或 Webhook 步骤。',
      notFound: '该流程不存在。',
      disableFirst: '请先停用流程，再修改步骤。',
      noSmtp: '启用发送邮件的流程前，请先在设置中配置邮件发送。',
    },
  },
);
