from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        ALTER TABLE "refresh_tokens" ADD "amr" VARCHAR(64) NOT NULL DEFAULT '';"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        ALTER TABLE "refresh_tokens" DROP COLUMN "amr";"""


MODELS_STATE = (
    "eJztXP9v2jgU/1csfmolhlpKabc7nQQd3bi15dSyu2nbKXITQ6wGO4tNKdr1f79nJyHfGf"
    "QIA45fKmK/59ifZ79vfun3yohbxBG1Kz6krCUlGbmy8gZ9rzA8IvAjt7+KKth1o17VIPG9"
    "oxkcRWlgn1R34XshPWyqcQfYEQSaLCJMj7qScqZ47viISJuyITL5mEliITzElAmJMHLoiE"
    "p0IAhB0va4lA7Q1dzp4RvodLEQE+5ZyLSJ+VBFHhnxR2Cf2IQhqmdqcRNeDzxlvugrE2PT"
    "JMQSVcQ9oBd0yF6NXf3AuLSJh4TEnvTfAowutGDL8ogQv6RHQ0OPTwTijlVTKxgz+m1MDM"
    "mHRA0E6/jyNzRTZpEnItTjl0owlIbbh55YIIQKEEKnqVerO4vo1IjugzGgxLESG4Baili3"
    "G3Lq6rY2HXaZvNS0CuJ7w+TOeMQiencqbc5mDNR/+5Aw4mF4JbRJb6x2Ahs7TrB1ws3hrz"
    "ci8Rca47HIAI8dtZ8Utz+BqK1iGDe9vnHX6RtGJbPXQo7YrgiaTM7UPoWpCg3AUE3h1et6"
    "/eTkrH500jw/bZydnZ4fnQOtnm+26+zZn0yElj+Uxqz7rnvTVxPicBj8s6IanjUPltjn0v"
    "KM0H+AxWfxv7Cxl49+SJ/CHxaWxj9Ee54AwoZIAtEBnsEdHo1KWYIY4SfDIWwobXg8bs7B"
    "+M/W7cX71u3BcfMwCfRN0FPXXQryCOLYkVgU5RjL+oAuc68nIG6cLgBx47QQYtWVgjhSQA"
    "tDHLHsIMTNxgIQNxuFEKuuFMRxbZ7B+S0AJemIFGCd4k0BbgXMtfDHauBfpzKfg3a/e925"
    "67eu/1DDj4T45mjAWv2O6qnr1mmq9SCtX2aDoL+6/fdIPaLPvZuORpMLOfT0GyO6/ueKmh"
    "MeS24wPjFAo8RACpvDpoSkwbtyPT7M11ltzh2CWYFpTnKmxHwPrGUdrFnLemXb7vWuEmJt"
    "d1MW+ObjdbsDBkPLE4jAN4sMs/KJBg8xu6wa7rH5MMGeZWR6eJ0X0Wa7RvVRugUzPNT4qX"
    "WqVQW+9y0ZgMjsPn8gLM83T/TP9c09nxJcSSBd0DfvMYICPqT50MHt5QVqnjVeI0FMRYaa"
    "h1X0QFzwogX4vjYWdg11sGmjsVDMroNNIpRjO6HSBgpGJogzknHPS3zXV8YH4NcTJAA8WO"
    "uIOtM3iDwSbxq8Sq2bwB620MDjI8WDdCyzoA++d6A30oH2Jb2M5xFxlOV4rFUKCb/jpL6A"
    "33FSL/Q7VFfS7zAdSpbz7CKONQYp2KXriU/OFwD4vBDf8zS8WjUZSsstA3GSazUw/1xdUr"
    "L3LEzukizCffJUoKRnDDsRnMxzjzuf+gkXKoTx4Lr16TDhHV/1bt6F5DHYL6567dxdDbZX"
    "qIlmYC80jRm+H1vJLUA/MJT148ZZ4/yk2ZjZx1nLPLMYmsBYKDiW4OIFcdpScWCccT1B4M"
    "Zs822LAvHIWyqd4pOv0eKux9yWYAogOoYpGTpd/6J0Sv4I+/O02edpnwUuOwsMAbpn4OGS"
    "4UKSaweBrp8ugjRQFUKt+1JhmUfwy7RXknMHtVYFFmj1GIT4fgyzJVosCLfmKjHy5FIY7Q"
    "VST3LuoNS3RMoL2SpQiS852TG2FQg42I97+a5evh55hED3JSJOcu6lvMlS1o5N3uVAYfoj"
    "xrFPfBTd0SUBzqJ7yT1Ch+wDmWqQuzAjzMy8lEdwvfYxGGbLwH0Od0/YGp1mD09m91TxTQ"
    "VrhxUT/wr0onV30XrbqTz/nEvPO2KOPSqnnUfCcisSkwTVedeeIiA1iKJd4t4TqL0pCi4O"
    "8diiEiksHb9K0B/NrxCc2FgiG6YAm8RCkkMDNW0UVLFUdWVfFWEWXC7Co0dqufefa3jnIg"
    "WFsW0Bf/flgZt5u7ldYd5a5bO7Ud7m14Ru8X323itb+XWUKfmSkMZZXoTphoUtK4d0n6ze"
    "J6t3J1ntEVipkLk6ohjrJNcOYn1cX6SYCKiKP3aoZwqKLCIhmMji/Ptd7yYf54gj7SVSU6"
    "J/kENFaWau8utgzPy6z/sxdSRloqZe+1ulJAnMAVwhlPAQM5Uw6aKXlOunBmhvTlmxzmvk"
    "BNZhvqM4nlZabrEouhj3FRfU/l/izf/oQhRHkkqm+veS1i7k2UH9W05woX4bDp/k5SZ/DH"
    "XEuXNVnauHm4xyTV0xyjOGF4G7aUFHynFbpFIKqOY4bplaqfDTz6ULlDOMuwd4Kd4bFQaY"
    "W/qYo6bnf/kV51vjd1+hNtmqz74yheE5gXaxuxxxbIa7rN631e7yvqxpMe2zuwlvB0OYH/"
    "5fkWUFn2HeV0VsclXEFn4aclTWiS6jPKI41xAPsAmTVNI8w9cOeC8/3BIHy3ywBTcpdmpd"
    "f5zpFmrTouqJpF7SWkVIWFbut/hLQKX/v9KdGmlr1U8WqzKzVy3iUdOu5OSvgp7qvAwWjm"
    "j2Kay1eSglp7AKjUZxHFpsL3YhgVXKZY06VEsgHJDvILrHR0eLBPhHR8UBvupLBTicydw7"
    "x+KAM8ay/ojz53i1u3EV8/wvxSUObg=="
)
