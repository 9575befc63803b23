# Writes customers-gbk.hex: a customers CSV encoded by Python's GBK codec (an encoder independent of ours), used by
# lib/services/imports/run-import.integration.test.ts. Run: python3 scripts/reference/import/gbk_fixture.py
import pathlib

TEXT = (
    '客户ID;姓名;性别;出生日期;国家;注册时间;邮件订阅\n'
    '17850.0;张伟;男;1985-04-02;中国;2023年3月5日;是\n'
    '17851;李娜;女;;中国;2023/03/06 10:00;否\n'
    '17852;王芳;F;;;bad date;是\n'
)
out = pathlib.Path(__file__).with_name('customers-gbk.hex')
out.write_text(TEXT.encode('gbk').hex() + '\n')
print(f'wrote {out} ({len(TEXT.encode("gbk"))} bytes)')
