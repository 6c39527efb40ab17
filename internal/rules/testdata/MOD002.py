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
