def five_levels(xs):
    for x in xs:
        if x:
            with open(x) as fh:
                for line in fh:
                    if line:
                        print(line)
def four_levels(xs):
    for x in xs:
        if x:
            with open(x) as fh:
                for line in fh:
                    print(line)
def six_levels(xs):
    for x in xs:
        if x:
            with open(x) as fh:
                for line in fh:
                    if line:
                        while line:
                            line = line[1:]
