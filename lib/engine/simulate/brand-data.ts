/**
 * Invented brands (none is meant to name a real company) with the categories they sell in and a price tier
 * (multiplier on the leaf's median price). Some span several top categories, as real lifestyle brands do.
 * `only` restricts a brand to leaves whose path starts with one of the given prefixes.
 */
import type { AttributeKind } from './taxonomy-data';

export type BrandSpec = {
  name: string;
  nameZh: string;
  tops: readonly string[];
  tier: number;
  only?: readonly string[];
};

export const BRANDS: readonly BrandSpec[] = [
  { name: 'Strideon', nameZh: '步迅', tops: ['Sports'], tier: 1 },
  { name: 'Peakline', nameZh: '峰线', tops: ['Sports', 'Fashion'], tier: 1.25 },
  { name: 'Kinetra', nameZh: '动能', tops: ['Sports'], tier: 0.75 },
  {
    name: 'Summit Ridge',
    nameZh: '巅峰岭',
    tops: ['Sports', 'Fashion'],
    tier: 1.5,
    only: ['Outdoor', 'Men > Jackets', 'Women > Coats'],
  },
  { name: 'Hoopstar', nameZh: '篮星', tops: ['Sports'], tier: 0.9, only: ['Ball Sports', 'Running', 'Fitness'] },
  { name: 'Maison Lune', nameZh: '月影之家', tops: ['Fashion'], tier: 1.7 },
  { name: 'Qingyi', nameZh: '青衣', tops: ['Fashion'], tier: 1 },
  { name: 'Urbanthread', nameZh: '城纱', tops: ['Fashion'], tier: 0.7 },
  { name: 'Aurélie', nameZh: '奥蕾莉', tops: ['Fashion', 'Beauty'], tier: 1.5 },
  { name: 'Plainform', nameZh: '素形', tops: ['Fashion', 'Home', 'Beauty'], tier: 0.9 },
  { name: 'Voltix', nameZh: '伏特思', tops: ['Electronics'], tier: 0.85 },
  { name: 'Lumora', nameZh: '流明', tops: ['Electronics'], tier: 1.3 },
  { name: 'Nexacore', nameZh: '核心智联', tops: ['Electronics'], tier: 1.1 },
  { name: 'Sonique', nameZh: '声韵', tops: ['Electronics'], tier: 1.2, only: ['Audio', 'Wearables'] },
  { name: 'Mitoo', nameZh: '米途', tops: ['Electronics', 'Home'], tier: 0.75 },
  { name: 'Nestwell', nameZh: '巢适', tops: ['Home'], tier: 1 },
  { name: 'Oakhaven', nameZh: '橡屿', tops: ['Home'], tier: 1.4, only: ['Furniture', 'Decor', 'Bedding'] },
  { name: 'Casalina', nameZh: '家莉', tops: ['Home'], tier: 0.8 },
  { name: 'Lumière Bloom', nameZh: '光绽', tops: ['Beauty'], tier: 1.35 },
  {
    name: 'Jadeleaf',
    nameZh: '玉叶',
    tops: ['Beauty', 'Food'],
    tier: 1,
    only: ['Skincare', 'Haircare', 'Beverages > Tea', 'Health'],
  },
  { name: 'Petalis', nameZh: '花瓣', tops: ['Beauty'], tier: 0.75 },
  { name: 'Lanting Press', nameZh: '兰亭出版社', tops: ['Books'], tier: 1 },
  { name: 'Inkwell House', nameZh: '墨井书屋', tops: ['Books'], tier: 1.1 },
  { name: 'Starbridge Books', nameZh: '星桥图书', tops: ['Books'], tier: 0.95 },
  { name: 'Bamboo Slip', nameZh: '竹简文化', tops: ['Books'], tier: 1.05 },
  { name: 'Orchard Lane', nameZh: '果园巷', tops: ['Food'], tier: 1.1 },
  { name: 'Jade Valley', nameZh: '翠谷', tops: ['Food'], tier: 1 },
  { name: 'Morning Harvest', nameZh: '晨收', tops: ['Food'], tier: 0.8 },
  { name: 'Teahouse 1912', nameZh: '茶馆1912', tops: ['Food'], tier: 1.4, only: ['Beverages'] },
  { name: 'Little Sprout', nameZh: '小芽', tops: ['Baby'], tier: 1 },
  { name: 'Bambino Care', nameZh: '贝比安', tops: ['Baby'], tier: 1.2 },
  {
    name: 'Cloudnest',
    nameZh: '云巢',
    tops: ['Baby', 'Home'],
    tier: 1.1,
    only: ['Gear', 'Feeding', 'Baby Clothing', 'Bedding', 'Diapering'],
  },
];

/** Title words: English and Chinese pairs. */
export const ADJECTIVES: readonly (readonly [string, string])[] = [
  ['Classic', '经典款'],
  ['Pro', '专业版'],
  ['Lite', '轻享版'],
  ['Ultra', '旗舰版'],
  ['Essential', '基础款'],
  ['Premium', '高端款'],
  ['Everyday', '日常款'],
  ['Eco', '环保款'],
  ['Air', '轻盈款'],
  ['Max', '加强版'],
  ['Urban', '都市款'],
  ['Heritage', '复古款'],
  ['Cloud', '云感'],
  ['Zen', '禅意'],
  ['Nova', '新星'],
];

/** Book titles: a first word and a second word, e.g. "Silent Harbour" / 《沉默的港湾》. */
export const BOOK_FIRST: readonly (readonly [string, string])[] = [
  ['Midnight', '午夜'],
  ['Silent', '沉默的'],
  ['Distant', '遥远的'],
  ['Lost', '消失的'],
  ['Glass', '玻璃'],
  ['Winter', '冬日'],
  ['Silver', '银色'],
  ['Hidden', '隐秘的'],
  ['Northern', '北方的'],
  ['Last', '最后的'],
];
export const BOOK_SECOND: readonly (readonly [string, string])[] = [
  ['Harbour', '港湾'],
  ['River', '河流'],
  ['Garden', '花园'],
  ['Stars', '星辰'],
  ['Mountains', '群山'],
  ['City', '之城'],
  ['Empire', '帝国'],
  ['Lantern', '灯笼'],
  ['Letters', '来信'],
  ['Archive', '档案'],
  ['Station', '车站'],
  ['Orchard', '果园'],
];

export const COLOURS: readonly (readonly [string, string])[] = [
  ['Black', '黑色'],
  ['White', '白色'],
  ['Grey', '灰色'],
  ['Navy', '藏青'],
  ['Blue', '蓝色'],
  ['Red', '红色'],
  ['Green', '绿色'],
  ['Beige', '米色'],
  ['Pink', '粉色'],
  ['Brown', '棕色'],
  ['Olive', '橄榄绿'],
  ['Burgundy', '酒红'],
];
export const DEVICE_COLOURS: readonly (readonly [string, string])[] = [
  ['Black', '黑色'],
  ['White', '白色'],
  ['Silver', '银色'],
  ['Blue', '蓝色'],
];
export const SHADES: readonly (readonly [string, string])[] = [
  ['Ruby Red', '正红'],
  ['Coral', '珊瑚色'],
  ['Nude Rose', '豆沙色'],
  ['Brick', '砖红'],
  ['Plum', '梅子色'],
  ['Chili', '辣椒红'],
];

export const SIZES: Partial<Record<AttributeKind, readonly string[]>> = {
  apparel: ['XS', 'S', 'M', 'L', 'XL', 'XXL'],
  shoes: ['36', '37', '38', '39', '40', '41', '42', '43', '44', '45'],
  kids: ['0-3M', '3-6M', '6-12M', '12-18M', '18-24M'],
  storage: ['128GB', '256GB', '512GB'],
  screen: ['13"', '14"', '16"'],
  volume: ['30ml', '50ml', '100ml', '200ml'],
  weight: ['250g', '500g', '1kg', '2.5kg'],
  bedding: ['Single', 'Double', 'Queen', 'King'],
  diaper: ['NB', 'S', 'M', 'L', 'XL'],
};

/** Price multiplier of a size relative to the leaf's median (bigger pack, more storage, larger bed). */
export const SIZE_PRICE: Partial<Record<AttributeKind, readonly number[]>> = {
  storage: [1, 1.2, 1.5],
  screen: [0.9, 1, 1.3],
  volume: [0.7, 1, 1.6, 2.4],
  weight: [0.6, 1, 1.7, 3.5],
  bedding: [0.75, 1, 1.2, 1.45],
};
