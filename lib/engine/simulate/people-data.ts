/**
 * Names and places for invented customers. Regions carry a weight (share of customers), a UTC offset for the
 * hour-of-day pattern and the currency their orders are paid in. Mainland China pays CNY; Hong Kong HKD; the other
 * overseas regions USD.
 */

export type RegionSpec = {
  region: string;
  cities: readonly string[];
  weight: number;
  tzOffsetHours: number;
  currency: 'CNY' | 'HKD' | 'USD';
  isOverseas: boolean;
};

const mainland = (region: string, cities: string, weight: number): RegionSpec => ({
  region,
  cities: cities.split('|'),
  weight,
  tzOffsetHours: 8,
  currency: 'CNY',
  isOverseas: false,
});

export const REGIONS: readonly RegionSpec[] = [
  mainland('Guangdong', 'Guangzhou|Shenzhen|Dongguan|Foshan|Zhuhai', 12),
  mainland('Zhejiang', 'Hangzhou|Ningbo|Wenzhou|Shaoxing', 8),
  mainland('Jiangsu', 'Nanjing|Suzhou|Wuxi|Changzhou', 8),
  mainland('Shanghai', 'Shanghai', 7),
  mainland('Beijing', 'Beijing', 6),
  mainland('Shandong', 'Jinan|Qingdao|Yantai', 6),
  mainland('Sichuan', 'Chengdu|Mianyang', 5),
  mainland('Henan', 'Zhengzhou|Luoyang', 4.5),
  mainland('Hubei', 'Wuhan|Yichang', 4),
  mainland('Fujian', 'Xiamen|Fuzhou|Quanzhou', 4),
  mainland('Hunan', 'Changsha|Zhuzhou', 3.5),
  mainland('Hebei', 'Shijiazhuang|Baoding', 3),
  mainland('Anhui', 'Hefei|Wuhu', 3),
  mainland('Shaanxi', "Xi'an|Baoji", 2.5),
  mainland('Chongqing', 'Chongqing', 2.5),
  mainland('Liaoning', 'Shenyang|Dalian', 2.5),
  mainland('Tianjin', 'Tianjin', 2),
  mainland('Yunnan', 'Kunming|Dali', 1.5),
  mainland('Guangxi', 'Nanning|Guilin', 1.5),
  mainland('Heilongjiang', 'Harbin', 1),
  { region: 'Hong Kong', cities: ['Hong Kong'], weight: 2, tzOffsetHours: 8, currency: 'HKD', isOverseas: true },
  { region: 'Singapore', cities: ['Singapore'], weight: 1, tzOffsetHours: 8, currency: 'USD', isOverseas: true },
  {
    region: 'Malaysia',
    cities: ['Kuala Lumpur', 'Penang'],
    weight: 0.7,
    tzOffsetHours: 8,
    currency: 'USD',
    isOverseas: true,
  },
  {
    region: 'United States',
    cities: ['San Francisco', 'Los Angeles', 'New York', 'Seattle'],
    weight: 1.2,
    tzOffsetHours: -7,
    currency: 'USD',
    isOverseas: true,
  },
  {
    region: 'Australia',
    cities: ['Sydney', 'Melbourne'],
    weight: 0.6,
    tzOffsetHours: 10,
    currency: 'USD',
    isOverseas: true,
  },
  {
    region: 'United Kingdom',
    cities: ['London', 'Manchester'],
    weight: 0.5,
    tzOffsetHours: 0,
    currency: 'USD',
    isOverseas: true,
  },
];

/** Chinese surnames with pinyin, by rough frequency. */
export const SURNAMES: readonly (readonly [string, string])[] = [
  ['王', 'wang'],
  ['李', 'li'],
  ['张', 'zhang'],
  ['刘', 'liu'],
  ['陈', 'chen'],
  ['杨', 'yang'],
  ['黄', 'huang'],
  ['赵', 'zhao'],
  ['吴', 'wu'],
  ['周', 'zhou'],
  ['徐', 'xu'],
  ['孙', 'sun'],
  ['马', 'ma'],
  ['朱', 'zhu'],
  ['胡', 'hu'],
  ['郭', 'guo'],
  ['何', 'he'],
  ['林', 'lin'],
  ['罗', 'luo'],
  ['高', 'gao'],
  ['郑', 'zheng'],
  ['梁', 'liang'],
  ['谢', 'xie'],
  ['宋', 'song'],
  ['唐', 'tang'],
  ['韩', 'han'],
  ['冯', 'feng'],
  ['欧阳', 'ouyang'],
];

export const GIVEN_FEMALE: readonly (readonly [string, string])[] = [
  ['芳', 'fang'],
  ['娜', 'na'],
  ['敏', 'min'],
  ['静', 'jing'],
  ['丽', 'li'],
  ['婷', 'ting'],
  ['雪', 'xue'],
  ['琳', 'lin'],
  ['欣', 'xin'],
  ['悦', 'yue'],
  ['佳', 'jia'],
  ['雨', 'yu'],
  ['晓', 'xiao'],
  ['梦', 'meng'],
  ['思', 'si'],
  ['颖', 'ying'],
  ['萱', 'xuan'],
  ['怡', 'yi'],
];

export const GIVEN_MALE: readonly (readonly [string, string])[] = [
  ['伟', 'wei'],
  ['强', 'qiang'],
  ['磊', 'lei'],
  ['军', 'jun'],
  ['洋', 'yang'],
  ['勇', 'yong'],
  ['杰', 'jie'],
  ['涛', 'tao'],
  ['明', 'ming'],
  ['超', 'chao'],
  ['浩', 'hao'],
  ['宇', 'yu'],
  ['俊', 'jun'],
  ['鹏', 'peng'],
  ['昊', 'hao'],
  ['子', 'zi'],
  ['文', 'wen'],
  ['博', 'bo'],
];

export const ENGLISH_FEMALE: readonly string[] = [
  'Emily',
  'Grace',
  'Olivia',
  'Chloe',
  'Mei',
  'Sophie',
  'Hannah',
  'Isabel',
  'Zoe',
  'Amelia',
];
export const ENGLISH_MALE: readonly string[] = [
  'James',
  'Daniel',
  'Ethan',
  'Ryan',
  'Kevin',
  'Lucas',
  'Oliver',
  'Marcus',
  'Adrian',
  'Wei',
];
export const ENGLISH_SURNAMES: readonly string[] = [
  'Tan',
  'Lim',
  'Wong',
  'Chan',
  'Lee',
  'Ng',
  'Smith',
  'Brown',
  'Taylor',
  'Nguyen',
  'Patel',
  'Cheung',
];

/** Reserved example domains (RFC 2606) so no generated address can belong to a real person. */
export const EMAIL_DOMAINS: readonly string[] = ['example.com', 'example.net', 'example.org'];

export const ACQUISITION_CHANNELS: readonly (readonly [string, number])[] = [
  ['organic', 30],
  ['search_ads', 20],
  ['social', 18],
  ['livestream', 12],
  ['referral', 10],
  ['mini_program', 10],
];
