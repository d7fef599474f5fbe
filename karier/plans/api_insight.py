from ninja import Router

router = Router(tags=["SKP: kaskade dan dokumen"])
