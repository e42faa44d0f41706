from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        ALTER TABLE "refresh_tokens" ADD "client" VARCHAR(8) NOT NULL DEFAULT 'api';"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        ALTER TABLE "refresh_tokens" DROP COLUMN "client";"""


MODELS_STATE = (
    "eJztXG1z2jgQ/isaPiUzlEkIIWnv5mYgJS3XJNwk9K7T9saj2AJrYiTXEiFML//9VrKN3y"
    "nkMAWOLxks7aOXZ+XVrrTO98qIW8QRtSs+pKwlJRm5svIGfa8wPCLwI7e+iirYdaNaVSDx"
    "vaMBjpI0sC+qq/C9kB42VbsD7AgCRRYRpkddSTlTmDs+ItKmbIhMPmaSWAgPMWVCIowcOq"
    "ISHQhCkLQ9LqUDcjV3evgGKl0sxIR7FjJtYj5UkUdG/BHgE5swRPVILW5C94Aps6OvTIxN"
    "kxBLVBH3QF7QIXs1dvUD49ImHhISe9LvBYAulGDL8ogQv6RbQ0OPTwTijlVTMxgz+m1MDM"
    "mHRDUE8/jyNxRTZpEnItTjl0rQlKbbp55YoIQKCEKlqWerK4vkVIvugzGgxLESC4BaSliX"
    "G3Lq6rI2HXaZvNSyiuJ7w+TOeMQieXcqbc5mAOr3PiSMeBi6hDLpjdVKYGPHCZZOuDj8+U"
    "Yi/kRjGIsM8NhR60mh/QFEZRXDuOn1jbtO3zAqmbUWImKrIigyOVPrFIYqNAFDNYRXr+v1"
    "k5Oz+tFJ8/y0cXZ2en50DrJ6vNmqs2d/MBFbflOas+677k1fDYjDy+C/K6rgWWOwxD5K6z"
    "Ni/wEmn+X/wsZePvuhfIp/mFia/5DteQoICyINRC/wjO7w1aiUpYgRfjIcwobShsfj5hyO"
    "/2zdXrxv3R4cNw+TRN8ENXVdpSiPKI69EouyHIOsj+gy13qC4sbpAhQ3TgspVlUpiiMDtD"
    "DFEWQHKW42FqC42SikWFWlKI5b8wzPb4EoSUekgOsUNkW4FYBr4Y/V0L9OYz6H7X73unPX"
    "b13/oZofCfHN0YS1+h1VU9el01TpQdq+zBpBf3X775F6RJ97Nx3NJhdy6OkeI7n+54oaEx"
    "5LbjA+McCixEgKi8OihKbBu3I9Psy3WW3OHYJZwdacRKbUfA/Qsl6sWcl6ddvu9a4Sam13"
    "Uzvwzcfrdgc2DK1PEALfLNqYlU80eIjty6rgHpsPE+xZRqaG13mRbLZqVB+lSzDDQ82fmq"
    "eaVeB735IBqMzu8wfC8nzzRP1c39zzJcGVBNEFffMeIyjAIY1DB7eXF6h51niNBDGVGGoe"
    "VtEDccGLFuD72ljYNdTBpo3GQoFdB5tEKMd2QqUNEoxMEGck456X2NdXxgfg1xMkgDyY64"
    "g60zeIPBJvGnSl5k1gDVto4PGRwiAdyyzog+8d6I10oH1NL+N5RIiyHI+1aiHhd5zUF/A7"
    "TuqFfoeqSvodpkPJcp5dhFhjkIJdup745HwBgs8L+T1P06tNk6Gs3DIUJ1Grofnn2pKSvW"
    "dhcpdkGe6TpwIjPQPsRHAyzz3ufOonXKiQxoPr1qfDhHd81bt5F4rHaL+46rVzVzXsvUIN"
    "NEN74daYwf14l9wC9oONsn7cOGucnzQbs/1xVjJvWwy3wFgoOJbg4gVx2lJxYBy4niBwY5"
    "b5tkWBAoI4mL6hT5VfFPXnt7BX+0arfX9YWfphJcSRngGR+HJebRK1g0TXTxdhGqQKqdZ1"
    "qejBI/hl1iuJ3EGrVYEJWj0Gkajvam+JFQuigrlGjDy5FFp7gdaTyB3U+pZoeaG9CkziS9"
    "7sGGwFCg7W416/q9evRx4hHnuJipPIvZY3Wcvasck7wy6M0mOIfXxedJWUJDjL7iX3CB2y"
    "D2SqSe7CiDAz8yLz4BboY9DMlpH7HK6esDR6mz08mV2nxBcVzB1mTPybuovW3UXrbafy/H"
    "Pu5u6IOfaonHYeCctNnEsKVOfdzolA1CBKdonrOZD2pii438Jji0qkuHT8ZDa/NT+RbWJj"
    "iWwYAiwSC0kOBdS0UZBsUdUJaFWEWXAHBo8eqeVe062hz0Xy3mLLAv7us9g28xJuu8K8te"
    "pnd6O8zU9d3OJr171XtvJbE1PyJSmNQ17E6YaFLSundH9YvT+s3p3Dao/ATIXMtRHFXCdR"
    "O8j1cX2RnBeQKs7Jr2fyXiwiIZjI8vz7Xe8mn+cIkfYSqSnRP8ihorRtrvLrYMz89MT7MX"
    "UkZaKmuv2tUpIG5hCuGEp4iJmEjXRuRsr1Uw20Nyf7VZ9r5ATW4XlHcTytrNxiUXQx7yvO"
    "+/y/xJv/0YUojiSVTvXvJXe7ELOD9rec4EL9Nhw+yTub/DHVEXLnkg9XTzcZ5W51xSzPAC"
    "8id9OCjpTjtkhuJ0jNcdwy2Z3hF4pL59FmgLtHeCneGxUGbLf0McdMz/9AKY5b4+dJoTXZ"
    "qq+TMvnLOYF2sbscITbDXVb9bbW7vE9rWsz67O6Bt4MhzA///cWyis+A91kRm5wVsYVfMB"
    "yV9UaXkR5RfNYQD7AJk1TSvI2vHWAvP9wSB8t8sgU3KXZqXb+d6RZa06LsiaRd0lZFSJhW"
    "7ifjS1Cl/w3QnWppa81PlqsyT69axKOmXck5vwpqqvNOsHAksz/CWpuHUvIRVuGmURyHFu"
    "8Xu3CAVcpljXqplmA4EN9Bdo+PjhYJ8I+OigN8VZcKcDiTuXeOxQFnDLL+iPPneLW7cRXz"
    "/C/MlKI+"
)
