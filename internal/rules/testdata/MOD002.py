def nested(items, a, b):
    for i in items:
        if i:
            for j in i:
                if j and a or b:
                    while j:
                        if j > 1:
                            try:
                                j -= 1
                            except ValueError:
                                break
def flat(x):
    if x:
        return 1
    return 2
def deep_sync(orders, stock, notify):
    for order in orders:
        if order.paid:
            for line in order.lines:
                if line.sku in stock and not line.backordered:
                    while line.remaining:
                        if stock[line.sku] > 0:
                            try:
                                stock[line.sku] -= 1
                                line.remaining -= 1
                            except KeyError:
                                if notify:
                                    notify(order, line)
                                break
                        elif line.allow_partial or order.priority:
                            line.backordered = True
                            break
                        else:
                            for other in orders:
                                if other is not order and other.holds(line.sku):
                                    other.release(line.sku)
        elif order.cancelled:
            for line in order.lines:
                if line.reserved:
                    stock[line.sku] += line.reserved
