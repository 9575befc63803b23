/**
 * The demo shop's category tree as data: 8 top-level categories, 2–3 levels deep. Each leaf names the product it
 * sells (English and Chinese), how its attributes look, its log-normal price (median CNY, log-sigma), its share of
 * the catalogue and the search queries (English | Chinese) that lead to it.
 */

export type AttributeKind =
  | 'apparel'
  | 'shoes'
  | 'kids'
  | 'storage'
  | 'screen'
  | 'volume'
  | 'weight'
  | 'bedding'
  | 'book'
  | 'shade'
  | 'diaper'
  | 'coloured'
  | 'plain';

export type Audience = 'female' | 'male';

export type TopSpec = { name: string; nameZh: string; weight: number; taglinesZh: readonly string[] };

export type LeafSpec = {
  top: string;
  /** path below the top category, e.g. "Running > Shoes" */
  path: string;
  pathZh: string;
  noun: string;
  nounZh: string;
  kind: AttributeKind;
  medianPrice: number;
  sigma: number;
  weight: number;
  queries: readonly string[];
  queriesZh: readonly string[];
  materials: readonly string[];
  audience?: Audience;
};

export const TOPS: readonly TopSpec[] = [
  { name: 'Sports', nameZh: '运动', weight: 0.13, taglinesZh: ['轻盈透气，运动更自在。', '专业设计，助你突破自我。'] },
  { name: 'Fashion', nameZh: '时尚', weight: 0.18, taglinesZh: ['简约百搭，四季可穿。', '精选面料，舒适有型。'] },
  { name: 'Electronics', nameZh: '数码', weight: 0.14, taglinesZh: ['性能强劲，续航持久。', '智能互联，一触即达。'] },
  { name: 'Home', nameZh: '家居', weight: 0.14, taglinesZh: ['品质生活，从家开始。', '实用耐用，易于清洁。'] },
  { name: 'Beauty', nameZh: '美妆', weight: 0.12, taglinesZh: ['温和配方，敏感肌可用。', '持久显色，妆效自然。'] },
  { name: 'Books', nameZh: '图书', weight: 0.07, taglinesZh: ['豆瓣高分好书。', '值得一读再读。'] },
  { name: 'Food', nameZh: '食品', weight: 0.12, taglinesZh: ['新鲜直达，产地直发。', '健康美味，全家共享。'] },
  { name: 'Baby', nameZh: '母婴', weight: 0.1, taglinesZh: ['安全材质，宝宝放心用。', '妈妈们的口碑之选。'] },
];

type Row = [string, string, string, string, string, AttributeKind, number, number, number, string, string, string, Audience?];

// top | path | pathZh | noun | nounZh | kind | median CNY | sigma | weight | queries | queriesZh | materials | audience
const ROWS: readonly Row[] = [
  ['Sports', 'Running > Shoes', '跑步 > 跑鞋', 'Running Shoes', '跑鞋', 'shoes', 499, 0.4, 3, 'running shoes|marathon shoes', '跑鞋|马拉松跑鞋|缓震跑鞋', 'mesh|knit'],
  ['Sports', 'Running > Apparel', '跑步 > 跑步服', 'Running Tee', '速干跑步T恤', 'apparel', 149, 0.35, 2, 'running shirt|quick dry tee', '跑步T恤|速干衣', 'polyester|nylon'],
  ['Sports', 'Running > Accessories', '跑步 > 跑步配件', 'Running Belt', '跑步腰包', 'coloured', 79, 0.4, 1, 'running belt|sports socks', '跑步腰包|运动袜', 'nylon|lycra'],
  ['Sports', 'Fitness > Yoga', '健身 > 瑜伽', 'Yoga Mat', '瑜伽垫', 'coloured', 129, 0.45, 2, 'yoga mat|yoga', '瑜伽垫|瑜伽', 'TPE|NBR|natural rubber'],
  ['Sports', 'Fitness > Equipment', '健身 > 器械', 'Adjustable Dumbbells', '可调节哑铃', 'weight', 399, 0.5, 1.5, 'dumbbells|home gym', '哑铃|健身器材', 'steel|cast iron'],
  ['Sports', 'Outdoor > Camping', '户外 > 露营', 'Camping Tent', '露营帐篷', 'coloured', 699, 0.5, 1.5, 'camping tent|tent', '帐篷|露营装备', 'nylon|polyester'],
  ['Sports', 'Outdoor > Hiking', '户外 > 徒步', 'Hiking Backpack', '登山包', 'coloured', 459, 0.45, 1.5, 'hiking backpack|hiking', '登山包|徒步背包', 'nylon|cordura'],
  ['Sports', 'Ball Sports > Basketball', '球类 > 篮球', 'Basketball', '篮球', 'plain', 199, 0.35, 1, 'basketball', '篮球|7号篮球', 'rubber|composite leather'],
  ['Sports', 'Cycling', '骑行', 'Cycling Helmet', '骑行头盔', 'coloured', 299, 0.4, 1, 'cycling helmet|bike helmet', '骑行头盔|自行车头盔', 'EPS|polycarbonate'],
  ['Fashion', 'Women > Dresses', '女装 > 连衣裙', 'Midi Dress', '连衣裙', 'apparel', 329, 0.45, 3, 'dress|summer dress', '连衣裙|碎花裙', 'cotton|silk|linen|polyester', 'female'],
  ['Fashion', 'Women > Tops', '女装 > 上衣', 'Blouse', '雪纺衬衫', 'apparel', 199, 0.4, 2.5, 'blouse|women top', '女士衬衫|上衣', 'chiffon|cotton|silk', 'female'],
  ['Fashion', 'Women > Coats', '女装 > 外套', 'Wool Coat', '羊毛大衣', 'apparel', 899, 0.45, 1.5, 'wool coat|coat', '羊毛大衣|外套', 'wool|cashmere blend', 'female'],
  ['Fashion', 'Men > Shirts', '男装 > 衬衫', 'Oxford Shirt', '牛津纺衬衫', 'apparel', 229, 0.35, 2, 'oxford shirt|men shirt', '男士衬衫|衬衫', 'cotton|linen', 'male'],
  ['Fashion', 'Men > Jackets', '男装 > 夹克', 'Bomber Jacket', '飞行员夹克', 'apparel', 499, 0.45, 1.5, 'jacket|men jacket', '夹克|男士外套', 'nylon|polyester|leather', 'male'],
  ['Fashion', 'Men > Trousers', '男装 > 裤子', 'Chinos', '休闲裤', 'apparel', 259, 0.35, 1.5, 'chinos|trousers', '休闲裤|男裤', 'cotton|twill', 'male'],
  ['Fashion', 'Shoes > Sneakers', '鞋靴 > 休闲鞋', 'Sneakers', '小白鞋', 'shoes', 399, 0.4, 2, 'sneakers|white sneakers', '小白鞋|板鞋', 'canvas|leather'],
  ['Fashion', 'Bags & Accessories > Handbags', '箱包配饰 > 手提包', 'Handbag', '手提包', 'coloured', 599, 0.6, 1.5, 'handbag|tote bag', '手提包|托特包', 'leather|canvas', 'female'],
  ['Fashion', 'Bags & Accessories > Scarves', '箱包配饰 > 围巾', 'Scarf', '围巾', 'coloured', 159, 0.5, 1, 'scarf|cashmere scarf', '围巾|羊绒围巾', 'cashmere|wool|silk'],
  ['Electronics', 'Audio > Earbuds', '音频 > 耳机', 'Wireless Earbuds', '蓝牙耳机', 'coloured', 399, 0.5, 2.5, 'bluetooth earbuds|noise cancelling earbuds', '蓝牙耳机|降噪耳机|无线耳机', 'plastic|aluminium'],
  ['Electronics', 'Audio > Speakers', '音频 > 音箱', 'Bluetooth Speaker', '蓝牙音箱', 'coloured', 299, 0.5, 1.5, 'bluetooth speaker|speaker', '蓝牙音箱|音响', 'fabric|aluminium'],
  ['Electronics', 'Phones > Smartphones', '手机 > 智能手机', 'Smartphone', '智能手机', 'storage', 2999, 0.45, 2, 'smartphone|5g phone', '手机|5G手机|智能手机', 'glass|aluminium'],
  ['Electronics', 'Phones > Cases', '手机 > 手机壳', 'Phone Case', '手机壳', 'coloured', 49, 0.4, 2, 'phone case', '手机壳|防摔手机壳', 'silicone|TPU|leather'],
  ['Electronics', 'Phones > Chargers', '手机 > 充电器', 'Fast Charger', '快充充电器', 'plain', 99, 0.4, 1.5, 'fast charger|power bank', '充电器|充电宝|快充', 'plastic|aluminium'],
  ['Electronics', 'Computers > Laptops', '电脑 > 笔记本', 'Laptop', '笔记本电脑', 'screen', 5999, 0.35, 1.5, 'laptop|notebook computer', '笔记本电脑|轻薄本', 'aluminium|magnesium alloy'],
  ['Electronics', 'Computers > Keyboards', '电脑 > 键盘', 'Mechanical Keyboard', '机械键盘', 'coloured', 399, 0.45, 1.5, 'mechanical keyboard|keyboard', '机械键盘|键盘', 'aluminium|ABS'],
  ['Electronics', 'Wearables', '智能穿戴', 'Smartwatch', '智能手表', 'coloured', 1299, 0.45, 1.5, 'smartwatch|fitness tracker', '智能手表|运动手环', 'aluminium|stainless steel'],
  ['Electronics', 'Cameras > Action Cameras', '摄影 > 运动相机', 'Action Camera', '运动相机', 'plain', 1999, 0.4, 1, 'action camera|camera', '运动相机|相机', 'aluminium|plastic'],
  ['Home', 'Kitchen > Cookware', '厨房 > 锅具', 'Non-stick Frying Pan', '不粘锅', 'plain', 199, 0.45, 2, 'frying pan|wok', '不粘锅|炒锅', 'aluminium|stainless steel|cast iron'],
  ['Home', 'Kitchen > Small Appliances', '厨房 > 小家电', 'Air Fryer', '空气炸锅', 'coloured', 399, 0.45, 2, 'air fryer|rice cooker', '空气炸锅|电饭煲', 'plastic|stainless steel'],
  ['Home', 'Kitchen > Tableware', '厨房 > 餐具', 'Ceramic Bowl Set', '陶瓷碗套装', 'coloured', 129, 0.45, 1.5, 'bowl set|tableware', '碗碟套装|餐具', 'ceramic|porcelain'],
  ['Home', 'Bedding > Duvets', '床品 > 被子', 'Silk Duvet', '蚕丝被', 'bedding', 599, 0.5, 1.5, 'duvet|silk quilt', '蚕丝被|被子', 'silk|cotton|down'],
  ['Home', 'Bedding > Pillows', '床品 > 枕头', 'Memory Foam Pillow', '记忆棉枕头', 'plain', 159, 0.4, 1.5, 'pillow|memory foam pillow', '枕头|记忆棉枕', 'memory foam|latex'],
  ['Home', 'Furniture > Chairs', '家具 > 椅子', 'Ergonomic Chair', '人体工学椅', 'coloured', 999, 0.5, 1, 'office chair|ergonomic chair', '人体工学椅|电脑椅', 'mesh|leather'],
  ['Home', 'Furniture > Storage', '家具 > 收纳', 'Storage Box', '收纳箱', 'coloured', 69, 0.45, 1.5, 'storage box|organiser', '收纳箱|收纳盒', 'plastic|bamboo|fabric'],
  ['Home', 'Decor', '家居装饰', 'Table Lamp', '台灯', 'coloured', 199, 0.5, 1.5, 'table lamp|desk lamp', '台灯|护眼台灯', 'metal|ceramic|wood'],
  ['Beauty', 'Skincare > Serums', '护肤 > 精华', 'Hydrating Serum', '保湿精华', 'volume', 299, 0.5, 2, 'serum|hyaluronic serum', '精华液|保湿精华', 'glass bottle'],
  ['Beauty', 'Skincare > Moisturisers', '护肤 > 面霜', 'Moisturising Cream', '保湿面霜', 'volume', 249, 0.5, 2, 'moisturiser|face cream', '面霜|保湿霜', 'glass jar'],
  ['Beauty', 'Skincare > Sunscreen', '护肤 > 防晒', 'Sunscreen SPF50', '防晒霜', 'volume', 129, 0.4, 1.5, 'sunscreen|spf50', '防晒霜|防晒', 'tube'],
  ['Beauty', 'Makeup > Lipstick', '彩妆 > 口红', 'Matte Lipstick', '哑光口红', 'shade', 199, 0.4, 2, 'lipstick|matte lipstick', '口红|哑光口红|唇膏', 'metal case'],
  ['Beauty', 'Makeup > Foundation', '彩妆 > 粉底', 'Liquid Foundation', '粉底液', 'volume', 259, 0.4, 1.5, 'foundation|liquid foundation', '粉底液|底妆', 'glass bottle'],
  ['Beauty', 'Fragrance', '香水', 'Eau de Parfum', '香水', 'volume', 599, 0.5, 1, 'perfume|eau de parfum', '香水|淡香水', 'glass bottle'],
  ['Beauty', 'Haircare > Shampoo', '洗护 > 洗发水', 'Shampoo', '洗发水', 'volume', 79, 0.4, 1.5, 'shampoo|anti dandruff shampoo', '洗发水|去屑洗发水', 'bottle'],
  ['Books', 'Fiction > Mystery', '小说 > 悬疑', 'Mystery Novel', '悬疑小说', 'book', 45, 0.3, 1.5, 'mystery novel|detective novel', '悬疑小说|推理小说', 'paperback|hardcover'],
  ['Books', 'Fiction > Science Fiction', '小说 > 科幻', 'Science Fiction Novel', '科幻小说', 'book', 49, 0.3, 1.5, 'science fiction|sci-fi novel', '科幻小说|科幻', 'paperback|hardcover'],
  ['Books', 'Non-fiction > Business', '非虚构 > 经管', 'Business Book', '经管图书', 'book', 59, 0.3, 1.5, 'business book|management', '经管|管理学', 'paperback|hardcover'],
  ['Books', 'Non-fiction > History', '非虚构 > 历史', 'History Book', '历史读物', 'book', 68, 0.35, 1, 'history book|chinese history', '历史|中国历史', 'paperback|hardcover'],
  ['Books', "Children's Books", '童书', 'Picture Book', '绘本', 'book', 39, 0.35, 1.5, 'picture book|children book', '绘本|儿童绘本', 'board book|paperback'],
  ['Books', 'Education > Language Learning', '教育 > 语言学习', 'English Vocabulary Guide', '英语词汇书', 'book', 42, 0.3, 1, 'english vocabulary|ielts', '英语词汇|雅思', 'paperback'],
  ['Food', 'Snacks > Nuts', '零食 > 坚果', 'Mixed Nuts Gift Box', '每日坚果礼盒', 'weight', 89, 0.4, 2, 'mixed nuts|nuts gift box', '坚果|每日坚果|坚果礼盒', 'gift box'],
  ['Food', 'Snacks > Biscuits', '零食 > 饼干', 'Butter Cookies', '黄油曲奇', 'weight', 39, 0.4, 1.5, 'cookies|butter cookies', '曲奇|饼干', 'tin'],
  ['Food', 'Beverages > Tea', '饮品 > 茶叶', 'Oolong Tea', '乌龙茶', 'weight', 159, 0.6, 2, 'oolong tea|green tea', '乌龙茶|绿茶|龙井', 'tin|paper bag'],
  ['Food', 'Beverages > Coffee', '饮品 > 咖啡', 'Coffee Beans', '咖啡豆', 'weight', 99, 0.4, 1.5, 'coffee beans|instant coffee', '咖啡豆|速溶咖啡', 'valve bag'],
  ['Food', 'Fresh > Fruit', '生鲜 > 水果', 'Imported Cherries', '进口车厘子', 'weight', 139, 0.45, 1.5, 'cherries|fresh fruit', '车厘子|水果', 'gift box'],
  ['Food', 'Pantry > Rice & Noodles', '粮油调味 > 米面', 'Jasmine Rice', '香米', 'weight', 69, 0.35, 1.5, 'jasmine rice|noodles', '大米|香米|挂面', 'bag'],
  ['Food', 'Health', '营养保健', 'Vitamin C Tablets', '维生素C片', 'plain', 129, 0.45, 1, 'vitamin c|supplements', '维生素|保健品', 'bottle'],
  ['Baby', 'Feeding > Formula', '喂养 > 奶粉', 'Infant Formula Stage 2', '婴儿配方奶粉2段', 'weight', 299, 0.3, 2, 'infant formula|baby milk', '奶粉|婴儿奶粉', 'can'],
  ['Baby', 'Feeding > Bottles', '喂养 > 奶瓶', 'Baby Bottle', '奶瓶', 'volume', 99, 0.35, 1.5, 'baby bottle', '奶瓶|防胀气奶瓶', 'glass|PPSU'],
  ['Baby', 'Diapering', '纸尿裤', 'Diapers', '纸尿裤', 'diaper', 129, 0.3, 2, 'diapers|nappies', '纸尿裤|尿不湿', 'cotton'],
  ['Baby', 'Baby Clothing > Bodysuits', '童装 > 连体衣', 'Cotton Bodysuit', '纯棉连体衣', 'kids', 89, 0.35, 1.5, 'baby bodysuit|baby clothes', '连体衣|婴儿衣服', 'cotton|organic cotton'],
  ['Baby', 'Toys > Educational Toys', '玩具 > 益智玩具', 'Wooden Puzzle', '木质拼图', 'plain', 79, 0.45, 1.5, 'educational toys|puzzle', '益智玩具|拼图', 'wood|plastic'],
  ['Baby', 'Gear > Strollers', '出行 > 婴儿车', 'Lightweight Stroller', '轻便婴儿车', 'coloured', 1299, 0.4, 1, 'stroller|baby stroller', '婴儿车|推车', 'aluminium|steel'],
];

export const LEAVES: readonly LeafSpec[] = ROWS.map((r) => ({
  top: r[0],
  path: r[1],
  pathZh: r[2],
  noun: r[3],
  nounZh: r[4],
  kind: r[5],
  medianPrice: r[6],
  sigma: r[7],
  weight: r[8],
  queries: r[9].split('|'),
  queriesZh: r[10].split('|'),
  materials: r[11].split('|'),
  ...(r[12] ? { audience: r[12] } : {}),
}));
