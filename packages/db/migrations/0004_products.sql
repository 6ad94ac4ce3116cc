-- Products an e-commerce enterprise deals in (商品备案 grows from here in the filing issue).

CREATE TABLE products (
  id              uuid PRIMARY KEY,
  org_id          uuid NOT NULL REFERENCES organisations (id),
  item_no         text NOT NULL,                  -- 企业商品货号 (CEB itemNo)
  name_zh         text NOT NULL,                  -- 商品名称 (CEB itemName)
  name_en         text,
  hs_code         text NOT NULL CHECK (hs_code ~ '^\d{10}$'),  -- 商品编码 (CEB gcode)
  spec            text,                           -- 规格型号 / 申报要素 (CEB gmodel)
  brand           text,
  barcode         text,                           -- 条形码 (CEB barCode)
  origin_country  text NOT NULL REFERENCES countries (code),
  unit            text NOT NULL REFERENCES units (code),
  price           numeric(19, 5) NOT NULL CHECK (price >= 0),
  currency        text NOT NULL REFERENCES currencies (code),
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  UNIQUE (org_id, item_no)
);
CREATE INDEX products_org_idx ON products (org_id, created_at);
