import { describe, expect, test } from 'vitest';
import { pickTemplate, renderChannelMessage } from './channel-message';

const en = {
  locale: 'en',
  subject: '{{first_name}}, your picks',
  body: 'Hi {{first_name|there}}! Rate us: {{survey_url}}',
};
const zh = { locale: 'zh-CN', subject: '{{first_name}}，为您精选', body: '{{first_name}}您好！评价：{{survey_url}}' };

describe('SMS and push messages from e-mail templates', () => {
  test('the example of the doc comment', () => {
    expect(renderChannelMessage('sms', { locale: 'en', subject: 'Hi', body: 'Hi {{first_name|there}}' }, {})).toEqual({
      locale: 'en',
      text: 'Hi there',
    });
  });

  test('SMS: the body as text with merge fields filled', () => {
    expect(renderChannelMessage('sms', en, { first_name: 'Ann', survey_url: 'https://x.example/s/t' })).toEqual({
      locale: 'en',
      text: 'Hi Ann! Rate us: https://x.example/s/t',
    });
  });

  test('push: subject as title, body as body; template-wide default for a missing name', () => {
    expect(
      renderChannelMessage('push', zh, { first_name: null, survey_url: null }, { first_name: '亲爱的顾客' }),
    ).toEqual({
      locale: 'zh-CN',
      title: '亲爱的顾客，为您精选',
      body: '亲爱的顾客您好！评价：',
    });
  });

  test('products: the block after the message when there are any, none otherwise', () => {
    const scarf = {
      id: 'SKU-1',
      title: 'Wool scarf',
      price: '$14.23',
      url: 'https://precisa.example/r/t',
      reason: 'Popular',
    };
    expect(renderChannelMessage('sms', en, { first_name: 'Ann' }, {}, [scarf])).toEqual({
      locale: 'en',
      text: 'Hi Ann! Rate us:',
      products: [scarf],
    });
    expect(renderChannelMessage('push', en, { first_name: 'Ann' }, {}, [scarf])).toMatchObject({
      title: 'Ann, your picks',
      products: [scarf],
    });
    expect(renderChannelMessage('push', en, { first_name: 'Ann' }, {}, [])).not.toHaveProperty('products');
  });

  test('the customer’s language, else English, else the first template, else none', () => {
    expect(pickTemplate([en, zh], 'zh-CN')).toBe(zh);
    expect(pickTemplate([zh, en], null)).toBe(en);
    expect(pickTemplate([zh], 'en')).toBe(zh);
    expect(pickTemplate([], 'en')).toBeNull();
  });
});
