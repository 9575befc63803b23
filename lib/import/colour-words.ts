// Basic colour words in the main languages of online retail (en, de, es, fr, it, pt, nl, sv, pl, tr, id, ru, ar),
// matched as whole words in lower case; CJK colour words (zh, ja, ko) are matched inside the text.
const WORDS = `
black white grey gray red blue green yellow orange pink purple violet brown beige navy cream ivory gold silver
turquoise teal khaki olive burgundy maroon charcoal multicolour multicolor anthracite natural transparent
schwarz weiß weiss grau rot blau grün gelb rosa lila braun silber anthrazit bunt
negro negra blanco blanca gris rojo roja azul verde amarillo naranja rosado morado marrón marron dorado plateado
noir noire blanc blanche rouge bleu bleue vert verte jaune rose brun marron doré argenté
nero nera bianco bianca grigio rosso rossa blu giallo arancione viola marrone oro argento
preto preta branco branca cinza vermelho vermelha amarelo laranja roxo dourado prata
zwart wit rood blauw groen geel oranje paars bruin zilver
svart vit röd blå grön gul
czarny biały szary czerwony niebieski zielony żółty różowy brązowy
siyah beyaz gri kırmızı mavi yeşil sarı turuncu pembe mor kahverengi lacivert
hitam putih abu merah biru hijau kuning oranye ungu coklat cokelat
черный чёрный белый серый красный синий зеленый зелёный желтый жёлтый розовый коричневый бежевый
أسود أبيض رمادي أحمر أزرق أخضر أصفر برتقالي وردي بني بيج ذهبي فضي
`;
const COLOUR_WORDS = new Set(WORDS.split(/\s+/).filter(Boolean));
const CJK_COLOURS =
  /[黑白红紅蓝藍绿綠黄黃灰粉紫棕橙褐银銀金赤青茶]色?|米色|ブラック|ホワイト|グレー|レッド|ブルー|グリーン|ネイビー|ピンク|ベージュ|ブラウン|검정|블랙|화이트|흰색|회색|빨강|파랑|초록|노랑|분홍|베이지|네이비/;

/**
 * Whether a short cell (≤ 3 words; a title that mentions a colour is not one) names a colour ("Black", "azul marino", "Schwarz/Weiß", "黑色", "ネイビー").
 * @example isColourWord('Dark grey') // true
 */
export function isColourWord(text: string): boolean {
  const s = text.trim().toLowerCase();
  if (!s || s.length > 24) return false;
  if (CJK_COLOURS.test(s)) return s.length <= 6;
  const words = s.split(/[^\p{L}]+/u).filter(Boolean);
  return words.length <= 3 && words.some((w) => COLOUR_WORDS.has(w));
}
